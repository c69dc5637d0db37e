/// A database failure the PSA can name; driver errors pass through unchanged.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case unexpectedValue(column: String)
        case uniqueViolation
        case unsupportedURL(String)
        case newerSchema(found: Int, known: Int)
    }

    private let kind: Kind

    /// A column held NULL or a type the code does not expect: a schema mismatch.
    static func unexpectedValue(column: String) -> Self { Self(kind: .unexpectedValue(column: column)) }

    /// An insert or update broke a unique constraint.
    public static let uniqueViolation = Self(kind: .uniqueViolation)

    /// `DATABASE_URL` is not a PostgreSQL URL this service can use.
    static func unsupportedURL(_ reason: String) -> Self { Self(kind: .unsupportedURL(reason)) }

    /// The database was migrated by a newer release.
    static func newerSchema(found: Int, known: Int) -> Self { Self(kind: .newerSchema(found: found, known: known)) }

    public var description: String {
        switch kind {
        case .unexpectedValue(let column): "column \(column) holds an unexpected value"
        case .uniqueViolation: "a unique constraint was violated"
        case .unsupportedURL(let reason): "DATABASE_URL is not valid: \(reason)"
        case .newerSchema(let found, let known):
            "the database has schema version \(found), newer than this release's \(known): upgrade the PSA"
        }
    }
}
