import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL event store: one multi-row `INSERT … SELECT FROM unnest($arrays)` statement per group
/// commit (seven array binds, whatever the row count), `ON CONFLICT DO NOTHING` for dedup.
///
/// The ``client`` is a `Service`: run it (in the collector's service group, or a task group in tests)
/// before using the store.
public final class PostgresEventStore: EventStore {
    /// The connection pool.
    public let client: PostgresClient

    /// Settings of the connection that migrates the schema (outside the pool, so that its failure is reported).
    let migrationURL: PostgresURL
    let logger: Logger

    /// Creates a store over a new client.
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database?sslmode=…`
    ///   - logger: background logger for the client
    public init(url: String, logger: Logger) throws {
        let parsed = try PostgresURL(url)
        self.client = PostgresClient(configuration: parsed.clientConfiguration, backgroundLogger: logger)
        self.migrationURL = parsed
        self.logger = logger
    }

    /// Creates or upgrades the schema while holding the migration lock, so that collectors started together
    /// on one database migrate one after the other.
    public func migrate() async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE IF NOT EXISTS events (
                project TEXT NOT NULL,
                uuid UUID NOT NULL,
                event TEXT NOT NULL,
                distinct_id TEXT NOT NULL,
                timestamp TIMESTAMPTZ NOT NULL,
                properties JSONB NOT NULL,
                received_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (project, uuid)
            )
            """,
            "CREATE INDEX IF NOT EXISTS events_project_event_timestamp ON events (project, event, timestamp)",
            "CREATE INDEX IF NOT EXISTS events_timestamp ON events (timestamp)",
        ]
        try await self.withMigrationLock { connection in
            for statement in statements {
                try await connection.query(statement, logger: self.logger)
            }
        }
    }

    public func insert(_ events: [EventRecord]) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        return try await self.singleCount(
            Self.insertQuery(events, returning: "1", wrap: "SELECT count(*)::int8 FROM inserted"))
    }

    /// Rows per `INSERT` statement: a group commit is one statement; a large import is several statements in one
    /// transaction, so that no statement's arrays grow with the import.
    static let rowsPerStatement = 10_000

    public func insertReturningNew(batches: [[EventRecord]]) async throws -> [EventRecord] {
        let events = Array(batches.joined())
        guard !events.isEmpty else { return [] }
        if events.count <= Self.rowsPerStatement {
            return try await Self.insertReturningNew(events) { try await self.client.query($0, logger: self.logger) }
        }
        return try await self.client.withTransaction(logger: self.logger) { connection in
            var new: [EventRecord] = []
            for start in stride(from: 0, to: events.count, by: Self.rowsPerStatement) {
                let chunk = Array(events[start..<min(start + Self.rowsPerStatement, events.count)])
                new += try await Self.insertReturningNew(chunk) { try await connection.query($0, logger: self.logger) }
            }
            return new
        }
    }

    /// Inserts `events` in one statement run by `query` (the pool's or a transaction's connection).
    private static func insertReturningNew(
        _ events: [EventRecord],
        on query: (PostgresQuery) async throws -> PostgresRowSequence
    ) async throws -> [EventRecord] {
        let rows = try await query(
            Self.insertQuery(events, returning: "project, uuid", wrap: "SELECT project, uuid FROM inserted"))
        var stored: Set<ProjectUUID> = []
        for try await (project, uuid) in rows.decode((String, UUID).self) {
            stored.insert(ProjectUUID(project: project, uuid: uuid))
        }
        // Within one statement the first of two equal (project, uuid) rows wins, as in SQLite.
        return events.filter { stored.remove(ProjectUUID(project: $0.project, uuid: $0.uuid)) != nil }
    }

    private static func insertQuery(_ events: [EventRecord], returning: String, wrap: String) -> PostgresQuery {
        var projects: [String] = []
        var uuids: [UUID] = []
        var names: [String] = []
        var distinctIDs: [String] = []
        var timestamps: [Int64] = []
        var properties: [String] = []
        var receivedAts: [Int64] = []
        projects.reserveCapacity(events.count)
        uuids.reserveCapacity(events.count)
        names.reserveCapacity(events.count)
        distinctIDs.reserveCapacity(events.count)
        timestamps.reserveCapacity(events.count)
        properties.reserveCapacity(events.count)
        receivedAts.reserveCapacity(events.count)
        for record in events {
            projects.append(record.project)
            uuids.append(record.uuid)
            names.append(record.event)
            distinctIDs.append(record.distinctID)
            timestamps.append(record.timestamp)
            properties.append(record.properties)
            receivedAts.append(record.receivedAt)
        }
        var query: PostgresQuery = """
            WITH inserted AS (
                INSERT INTO events (project, uuid, event, distinct_id, timestamp, properties, received_at)
                SELECT p, u, e, d, 'epoch'::timestamptz + t * interval '1 microsecond', j::jsonb,
                    'epoch'::timestamptz + r * interval '1 microsecond'
                FROM unnest(\(projects)::text[], \(uuids)::uuid[], \(names)::text[], \(distinctIDs)::text[],
                    \(timestamps)::int8[], \(properties)::text[], \(receivedAts)::int8[]) AS x(p, u, e, d, t, j, r)
                ON CONFLICT (project, uuid) DO NOTHING
                RETURNING
            """
        query.sql += " \(returning)) \(wrap)"
        return query
    }

    public func delete(_ filter: EventFilter) async throws -> Int {
        var query = PostgresQuery(unsafeSQL: "WITH deleted AS (DELETE FROM events")
        self.appendWhere(filter, cursor: nil, to: &query)
        query.sql += " RETURNING 1) SELECT count(*)::int8 FROM deleted"
        return try await self.singleCount(query)
    }

    public func count(_ filter: EventFilter) async throws -> Int {
        var query = PostgresQuery(unsafeSQL: "SELECT count(*)::int8 FROM events")
        self.appendWhere(filter, cursor: nil, to: &query)
        return try await self.singleCount(query)
    }

    public func events(_ filter: EventFilter, after cursor: EventCursor?, limit: Int) async throws -> [EventRecord] {
        var query = PostgresQuery(
            unsafeSQL: """
                SELECT project, uuid, event, distinct_id,
                    (extract(epoch FROM timestamp) * 1000000)::int8, properties::text,
                    (extract(epoch FROM received_at) * 1000000)::int8
                FROM events
                """
        )
        self.appendWhere(filter, cursor: cursor, to: &query)
        query.sql += " ORDER BY timestamp, uuid LIMIT \(max(0, limit))"
        let rows = try await self.client.query(query, logger: self.logger)
        var records: [EventRecord] = []
        for try await (project, uuid, event, distinctID, timestamp, properties, receivedAt) in rows.decode(
            (String, UUID, String, String, Int64, String, Int64).self
        ) {
            records.append(
                EventRecord(
                    project: project,
                    uuid: uuid,
                    event: event,
                    distinctID: distinctID,
                    timestamp: timestamp,
                    properties: properties,
                    receivedAt: receivedAt
                )
            )
        }
        return records
    }

    public func checkHealth() async throws {
        _ = try await self.singleCount("SELECT 1::int8")
    }

    private func singleCount(_ query: PostgresQuery) async throws -> Int {
        let rows = try await self.client.query(query, logger: self.logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    private func appendWhere(_ filter: EventFilter, cursor: EventCursor?, to query: inout PostgresQuery) {
        var conditions: [String] = []
        func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String {
            query.binds.append(value)
            return "$\(query.binds.count)"
        }
        if let project = filter.project { conditions.append("project = \(bind(project))") }
        if let from = filter.from {
            conditions.append("timestamp >= 'epoch'::timestamptz + \(bind(from))::int8 * interval '1 microsecond'")
        }
        if let to = filter.to {
            conditions.append("timestamp < 'epoch'::timestamptz + \(bind(to))::int8 * interval '1 microsecond'")
        }
        if let event = filter.event { conditions.append("event = \(bind(event))") }
        if let distinctID = filter.distinctID { conditions.append("distinct_id = \(bind(distinctID))") }
        if let cursor {
            let uuid = cursor.uuid.bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
            let time = "'epoch'::timestamptz + \(bind(cursor.timestamp))::int8 * interval '1 microsecond'"
            conditions.append("(timestamp, uuid) > (\(time), \(bind(uuid)))")
        }
        if !conditions.isEmpty { query.sql += " WHERE " + conditions.joined(separator: " AND ") }
    }
}
