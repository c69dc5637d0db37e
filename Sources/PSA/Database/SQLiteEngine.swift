import Foundation
import Logging
import NIOCore
import SQLiteNIO
import Synchronization

/// The embedded engine: one SQLite file in WAL mode, with one writer connection (transactions take it in
/// turn) and reader connections that never wait for a writer.
public final class SQLiteEngine: SQLDatabase {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let lock = WriterLock()
    private let nextReader = Mutex(0)

    /// Opens (creating if needed) the database file at `path`.
    public static func open(path: String, readers: Int = 2, logger: Logger) async throws -> SQLiteEngine {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        // FULL: a committed ticket survives a power cut, not only a crash of the process.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"] {
            _ = try await writer.query(pragma)
        }
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<max(1, readers) {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            _ = try await reader.query("PRAGMA query_only = ON")
            readerConnections.append(reader)
        }
        for connection in [writer] + readerConnections {
            _ = try await connection.query("PRAGMA busy_timeout = 5000")
        }
        return SQLiteEngine(writer: writer, readers: readerConnections)
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    public func query(_ statement: SQLStatement) async throws -> [SQLRow] {
        if Self.isRead(statement) {
            let index = nextReader.withLock { next in
                defer { next = (next + 1) % readers.count }
                return next
            }
            return try await Self.run(statement, on: readers[index])
        }
        return try await lock.withLock { [writer] in try await Self.run(statement, on: writer) }
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any SQLSession) async throws -> Result
    ) async throws -> Result {
        try await lock.withLock { [writer] in
            // IMMEDIATE takes the write lock now, so a read-then-write transaction cannot fail at its first write.
            _ = try await writer.query("BEGIN IMMEDIATE")
            do {
                let result = try await body(Session(connection: writer))
                _ = try await writer.query("COMMIT")
                return result
            } catch {
                _ = try? await writer.query("ROLLBACK")
                throw error
            }
        }
    }

    public func close() async throws {
        for reader in readers { try await reader.close() }
        try await writer.close()
    }

    private struct Session: SQLSession {
        let connection: SQLiteConnection

        func query(_ statement: SQLStatement) async throws -> [SQLRow] {
            try await SQLiteEngine.run(statement, on: connection)
        }
    }

    private static func isRead(_ statement: SQLStatement) -> Bool {
        let head = statement.questionMarkSQL.prefix(16).trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        return head.hasPrefix("SELECT") || head.hasPrefix("WITH")
    }

    fileprivate static func run(_ statement: SQLStatement, on connection: SQLiteConnection) async throws -> [SQLRow] {
        let binds: [SQLiteData] = statement.binds.map { value in
            switch value {
            case .text(let text): .text(text)
            case .integer(let integer): .integer(Int(integer))
            case .real(let real): .float(real)
            case .null: .null
            }
        }
        let rows: [SQLiteRow]
        do {
            rows = try await connection.query(statement.questionMarkSQL, binds)
        } catch let error as SQLiteError where Self.isUniqueViolation(error) {
            throw DatabaseError.uniqueViolation
        }
        return rows.map { row in
            var values: [String: SQLValue] = [:]
            for column in row.columns {
                values[column.name] =
                    switch column.data {
                    case .integer(let integer): .integer(Int64(integer))
                    case .float(let real): .real(real)
                    case .text(let text): .text(text)
                    case .blob(let buffer): .text(String(buffer: buffer))
                    case .null: .null
                    }
            }
            return SQLRow(values: values)
        }
    }

    private static func isUniqueViolation(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed: true
        case .constraint: error.message.contains("UNIQUE")
        default: false
        }
    }
}
