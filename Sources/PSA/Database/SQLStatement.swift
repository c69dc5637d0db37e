/// A SQL statement whose every interpolated value is a bound parameter, never spliced text.
///
/// ```swift
/// let statement: SQLStatement = "SELECT * FROM tickets WHERE tenant_id = \(tenantID) AND number = \(number)"
/// ```
/// Raw SQL can only come from literals or an explicit `\(raw:)`, so values cannot inject SQL. The same
/// statement renders `?` placeholders for SQLite and `$1, $2, …` for PostgreSQL.
public struct SQLStatement: Sendable, ExpressibleByStringInterpolation {
    /// The literal text between parameters; always one more than `binds`.
    private(set) var segments: [String]
    /// The bound values, in order.
    public private(set) var binds: [SQLValue]

    public init(stringLiteral value: String) {
        segments = [value]
        binds = []
    }

    public init(stringInterpolation: Interpolation) {
        segments = stringInterpolation.segments
        binds = stringInterpolation.binds
    }

    /// The text with `?` placeholders (SQLite).
    public var questionMarkSQL: String {
        segments.joined(separator: "?")
    }

    /// The text with numbered `$n` placeholders (PostgreSQL).
    public var numberedSQL: String {
        var sql = segments[0]
        for (index, segment) in segments.dropFirst().enumerated() {
            sql += "$\(index + 1)" + segment
        }
        return sql
    }

    /// Appends `other`, keeping the parameters in order.
    public static func + (lhs: SQLStatement, rhs: SQLStatement) -> SQLStatement {
        var result = lhs
        result.segments[result.segments.count - 1] += rhs.segments[0]
        result.segments += rhs.segments.dropFirst()
        result.binds += rhs.binds
        return result
    }

    /// Appends `other` to this statement.
    public static func += (lhs: inout SQLStatement, rhs: SQLStatement) {
        lhs = lhs + rhs
    }

    /// Builds the segments and parameters of an interpolated statement.
    public struct Interpolation: StringInterpolationProtocol {
        var segments: [String] = [""]
        var binds: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            segments[segments.count - 1] += literal
        }

        /// A bound parameter.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            binds.append(value.sqlValue)
            segments.append("")
        }

        /// A bound parameter that may be NULL.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            binds.append(value.sqlValue)
            segments.append("")
        }

        /// Trusted SQL text, such as a column list chosen by code; never a value from a request.
        public mutating func appendInterpolation(raw sql: String) {
            segments[segments.count - 1] += sql
        }
    }
}
