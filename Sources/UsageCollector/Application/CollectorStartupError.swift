import PostgresNIO

/// Why a collector could not start serving; `psa collector` prints it and exits non-zero.
public struct CollectorStartupError: Error, Sendable, CustomStringConvertible {
    /// What failed and why, without connection secrets.
    public let description: String

    /// The store's migration failed with `error`, or was `interrupted` by a shutdown request (which closes its
    /// connection, so the error itself says little).
    init(migrationFailure error: any Error, interrupted: Bool) {
        if interrupted || error is CancellationError {
            self.description = "startup interrupted: shutdown was requested before the storage migration finished"
        } else {
            self.description = "storage migration failed: \(Self.cause(of: error))"
        }
    }

    /// A bounded, secret-free account of `error`: PostgresNIO's own description says only "Generic description to
    /// prevent accidental leakage", so the server's message and the connection error are spelled out here.
    public static func cause(of error: any Error) -> String {
        guard let postgres = error as? PSQLError else { return String(String(describing: error).prefix(300)) }
        if let message = postgres.serverInfo?[.message] {
            let state = postgres.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return "PostgreSQL: \(message.prefix(300))\(state)"
        }
        let underlying = postgres.underlying.map { ": \(String(describing: $0).prefix(300))" } ?? ""
        return "PostgreSQL \(postgres.code)\(underlying)"
    }
}
