import Foundation

/// One result row, by column name.
public struct SQLRow: Sendable {
    /// The row's values by column name.
    public let values: [String: SQLValue]

    /// A row of `values`.
    public init(values: [String: SQLValue]) {
        self.values = values
    }

    /// The text in `column`; throws when it is NULL or not text.
    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw DatabaseError.unexpectedValue(column: column) }
        return value
    }

    /// The text in `column`, or nil when NULL.
    public func optionalString(_ column: String) throws -> String? {
        switch values[column] {
        case .text(let text): return text
        case .null: return nil
        default: throw DatabaseError.unexpectedValue(column: column)
        }
    }

    /// The integer in `column`; throws when it is NULL or not an integer.
    public func integer(_ column: String) throws -> Int64 {
        guard let value = try optionalInteger(column) else { throw DatabaseError.unexpectedValue(column: column) }
        return value
    }

    /// The integer in `column`, or nil when NULL.
    public func optionalInteger(_ column: String) throws -> Int64? {
        switch values[column] {
        case .integer(let integer): return integer
        case .null: return nil
        default: throw DatabaseError.unexpectedValue(column: column)
        }
    }

    /// The boolean (stored as 0 or 1) in `column`.
    public func bool(_ column: String) throws -> Bool {
        try integer(column) != 0
    }

    /// The instant (stored as milliseconds since 1970) in `column`.
    public func date(_ column: String) throws -> Date {
        Date(millisecondsSince1970: try integer(column))
    }

    /// The instant in `column`, or nil when NULL.
    public func optionalDate(_ column: String) throws -> Date? {
        try optionalInteger(column).map(Date.init(millisecondsSince1970:))
    }
}

extension Date {
    /// The instant `milliseconds` after 1970.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }
}
