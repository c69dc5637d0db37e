import Foundation
import GRDB
import GRDBSQLite

/// The default event store: one SQLite file in WAL mode, written through a reused prepared statement with
/// raw binds in one transaction per group commit, and `synchronous = FULL` so a commit survives power loss.
public final class SQLiteEventStore: EventStore {
    /// The underlying GRDB pool (one writer, concurrent readers).
    public let pool: DatabasePool

    static let insertSQL = """
        INSERT INTO events (project, uuid, event, distinct_id, timestamp, properties, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, uuid) DO NOTHING
        """

    /// Opens (creating if needed) the database at `path`.
    /// - Parameter path: file path of the database, such as `<data dir>/events.sqlite`
    public init(path: String) throws {
        self.pool = try DatabasePool(path: path, configuration: Self.configuration())
    }

    /// The GRDB configuration the store uses: WAL (DatabasePool's default) with full fsync on commit.
    public static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Index pages of a growing table must stay in memory: the 2 MB default cache makes every insert
            // re-read them from the file, and mmap spares the copy of those that are read.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        return configuration
    }

    /// The schema migrations, shared with the ingest benchmark's raw baseline.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 events") { db in
            // Integer rowids in arrival order keep the table append-only; uuids are unique per project.
            // Insight queries range over time, overall or for one event; every extra index costs each insert,
            // so deletion by person scans (it is a rare administrative act).
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY,
                        project TEXT NOT NULL,
                        uuid BLOB NOT NULL,
                        event TEXT NOT NULL,
                        distinct_id TEXT NOT NULL,
                        timestamp INTEGER NOT NULL,
                        properties TEXT NOT NULL,
                        received_at INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX events_project_uuid ON events (project, uuid);
                    CREATE INDEX events_project_event_timestamp ON events (project, event, timestamp);
                    CREATE INDEX events_timestamp ON events (timestamp);
                    """
            )
        }
        return migrator
    }

    public func migrate() async throws {
        try Self.migrator.migrate(self.pool)
    }

    public func insert(_ events: [EventRecord]) async throws -> Int {
        try await self.insert(batches: [events])
    }

    /// Inserts every group in one transaction, without first copying them into one array.
    public func insert(batches: [[EventRecord]]) async throws -> Int {
        guard batches.contains(where: { !$0.isEmpty }) else { return 0 }
        return try await self.pool.write { db in
            var inserted = 0
            var unused: [EventRecord] = []
            for events in batches { inserted += try Self.insert(events, into: db, newRows: &unused, collect: false) }
            return inserted
        }
    }

    public func insertReturningNew(batches: [[EventRecord]]) async throws -> [EventRecord] {
        guard batches.contains(where: { !$0.isEmpty }) else { return [] }
        return try await self.pool.write { db in
            var newRows: [EventRecord] = []
            for events in batches { _ = try Self.insert(events, into: db, newRows: &newRows, collect: true) }
            return newRows
        }
    }

    /// Inserts with raw binds on the cached statement; the caller provides the transaction.
    /// With `collect`, appends each record that was new to `newRows`.
    static func insert(
        _ events: [EventRecord],
        into db: Database,
        newRows: inout [EventRecord],
        collect: Bool
    ) throws -> Int {
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        let raw = statement.sqliteStatement
        let connection = db.sqliteConnection
        var inserted = 0
        for record in events {
            SQLiteBinder.bind(record.project, to: raw, at: 1)
            withUnsafeBytes(of: record.uuid.uuid) { bytes in
                _ = sqlite3_bind_blob(raw, 2, bytes.baseAddress, 16, SQLiteBinder.transient)
            }
            SQLiteBinder.bind(record.event, to: raw, at: 3)
            SQLiteBinder.bind(record.distinctID, to: raw, at: 4)
            sqlite3_bind_int64(raw, 5, record.timestamp)
            SQLiteBinder.bind(record.properties, to: raw, at: 6)
            sqlite3_bind_int64(raw, 7, record.receivedAt)
            let code = sqlite3_step(raw)
            sqlite3_reset(raw)
            guard code == SQLITE_DONE else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
            }
            let changed = Int(sqlite3_changes(connection))
            inserted += changed
            if collect && changed > 0 { newRows.append(record) }
        }
        return inserted
    }

    public func delete(_ filter: EventFilter) async throws -> Int {
        let (clause, arguments) = Self.whereClause(filter, cursor: nil)
        return try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM events\(clause)", arguments: arguments)
            return db.changesCount
        }
    }

    public func count(_ filter: EventFilter) async throws -> Int {
        let (clause, arguments) = Self.whereClause(filter, cursor: nil)
        return try await self.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events\(clause)", arguments: arguments) ?? 0
        }
    }

    public func events(_ filter: EventFilter, after cursor: EventCursor?, limit: Int) async throws -> [EventRecord] {
        let (clause, arguments) = Self.whereClause(filter, cursor: cursor)
        let sql = """
            SELECT project, uuid, event, distinct_id, timestamp, properties, received_at FROM events\(clause)
            ORDER BY timestamp, uuid LIMIT \(max(0, limit))
            """
        return try await self.pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> EventRecord? in
                guard let uuid = UUIDBytes.uuid(from: row["uuid"]) else { return nil }
                return EventRecord(
                    project: row["project"],
                    uuid: uuid,
                    event: row["event"],
                    distinctID: row["distinct_id"],
                    timestamp: row["timestamp"],
                    properties: row["properties"],
                    receivedAt: row["received_at"]
                )
            }
        }
    }

    public func checkHealth() async throws {
        _ = try await self.pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    private static func whereClause(_ filter: EventFilter, cursor: EventCursor?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let project = filter.project {
            conditions.append("project = ?")
            arguments += [project]
        }
        if let from = filter.from {
            conditions.append("timestamp >= ?")
            arguments += [from]
        }
        if let to = filter.to {
            conditions.append("timestamp < ?")
            arguments += [to]
        }
        if let event = filter.event {
            conditions.append("event = ?")
            arguments += [event]
        }
        if let distinctID = filter.distinctID {
            conditions.append("distinct_id = ?")
            arguments += [distinctID]
        }
        if let cursor {
            conditions.append("(timestamp > ? OR (timestamp = ? AND uuid > ?))")
            arguments += [cursor.timestamp, cursor.timestamp, Data(cursor.uuid.bytes)]
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
