import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The PostgreSQL engine (`DATABASE_URL`): a connection pool; transactions lease one connection.
///
/// ``client`` is a `Service`: run it (in the application's service group, or a task group in tests)
/// before using the database.
public final class PostgresEngine: SQLDatabase {
    /// The connection pool.
    public let client: PostgresClient
    private let logger: Logger

    /// A database over a new pool for `url` (`postgres://user:password@host:port/database?sslmode=…`).
    public init(url: String, logger: Logger) throws {
        self.client = PostgresClient(configuration: try Self.configuration(url: url), backgroundLogger: logger)
        self.logger = logger
    }

    /// Pool settings from a `postgres://` URL.
    static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty
        else {
            throw DatabaseError.unsupportedURL("expected postgres://user:password@host:port/database")
        }
        let tls: PostgresClient.Configuration.TLS
        switch components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case let other: throw DatabaseError.unsupportedURL("unknown sslmode \(other.debugDescription)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: tls)
    }

    public func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        try await Self.collect(
            try await Self.translatingErrors { try await client.query(Self.query(statement), logger: logger) })
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLSession) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(Session(connection: connection, logger: logger))
            }
        } catch let error as PostgresTransactionError {
            // The body's own error (a 404, a unique violation) is the one that matters once rolled back.
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    public func close() async throws {}

    private struct Session: SQLSession {
        let connection: PostgresConnection
        let logger: Logger

        func query(_ statement: SQLStatement) async throws -> [SQLRow] {
            try await PostgresEngine.collect(
                try await PostgresEngine.translatingErrors {
                    try await connection.query(PostgresEngine.query(statement), logger: logger)
                })
        }
    }

    fileprivate static func query(_ statement: SQLStatement) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: statement.binds.count)
        for value in statement.binds {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .null: bindings.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: statement.numberedSQL, binds: bindings)
    }

    fileprivate static func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DatabaseError.uniqueViolation
        }
    }

    fileprivate static func collect(_ rows: PostgresRowSequence) async throws -> [SQLRow] {
        var result: [SQLRow] = []
        for try await row in rows {
            var values: [String: SQLValue] = [:]
            for cell in row {
                values[cell.columnName] = try value(of: cell)
            }
            result.append(SQLRow(values: values))
        }
        return result
    }

    private static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8: return .integer(try cell.decode(Int64.self))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .float8, .float4, .numeric: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }
}
