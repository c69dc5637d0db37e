import Foundation

/// A value bound to, or read from, a SQL statement: the few types both engines store the same way.
///
/// Booleans are stored as integers 0 and 1 and instants as milliseconds since 1970, so that one schema and
/// one query text serve SQLite and PostgreSQL alike.
public enum SQLValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case real(Double)
    case null
}

/// A Swift value that can be bound to a statement.
public protocol SQLBindable: Sendable {
    /// The value as stored.
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .integer(self) }
}

extension Double: SQLBindable {
    public var sqlValue: SQLValue { .real(self) }
}

extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Date: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64((timeIntervalSince1970 * 1_000).rounded(.down))) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
