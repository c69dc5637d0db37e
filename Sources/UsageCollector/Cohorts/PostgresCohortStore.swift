import Foundation
import Logging
import PostgresNIO

/// Cohorts in the collector's PostgreSQL database, in their own tables. Member uploads run in one transaction
/// that locks the cohort's row, so two uploads to one cohort get consecutive versions.
public struct PostgresCohortStore: CohortStore {
    let client: PostgresClient
    let logger: Logger

    /// A store over the event store's client (which must be running).
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    private typealias Columns = (Int64, String, String, Bool, String?, Int64, Int64, Int64, Int64)

    private static let columns = """
        SELECT c.id, c.name, c.description, c.is_static, c.filters, c.version, c.created_at, c.updated_at,
            (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id) AS member_count
        FROM cohorts c
        """

    public func migrateCohorts() async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE IF NOT EXISTS cohorts (
                id BIGSERIAL PRIMARY KEY,
                project TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                is_static BOOLEAN NOT NULL,
                filters TEXT,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS cohorts_project ON cohorts (project)",
            """
            CREATE TABLE IF NOT EXISTS cohort_members (
                cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
                distinct_id TEXT NOT NULL,
                PRIMARY KEY (cohort_id, distinct_id)
            )
            """,
        ]
        try await self.client.createTables(statements, logger: self.logger)
    }

    public func cohorts(project: String) async throws -> [Cohort] {
        try await self.fetch(
            PostgresQuery(unsafeSQL: Self.columns + " WHERE c.project = $1 ORDER BY c.id", binds: Self.binds(project)))
    }

    public func cohort(id: Int, project: String) async throws -> Cohort? {
        try await self.fetch(Self.one(id: id, project: project)).first
    }

    public func create(_ draft: CohortDraft, project: String, at: Date) async throws -> Cohort {
        let now = CohortRow.micros(at)
        let rows = try await self.client.query(
            """
            INSERT INTO cohorts (project, name, description, is_static, filters, version, created_at, updated_at)
            VALUES (\(project), \(draft.name), \(draft.description), \(draft.definition == .staticList),
                \(CohortRow.filtersText(draft.definition)), 1, \(now), \(now))
            RETURNING id
            """, logger: self.logger)
        var id: Int64 = 0
        for try await inserted in rows.decode(Int64.self) { id = inserted }
        guard let cohort = try await self.cohort(id: Int(id), project: project) else {
            throw CohortStoreError.notFound(Int(id))
        }
        return cohort
    }

    public func update(id: Int, with draft: CohortDraft, project: String, at: Date) async throws -> Cohort {
        try await self.inTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE cohorts SET name = \(draft.name), description = \(draft.description),
                    is_static = \(draft.definition == .staticList), filters = \(CohortRow.filtersText(draft.definition)),
                    version = version + 1, updated_at = \(CohortRow.micros(at))
                WHERE id = \(Int64(id)) AND project = \(project) RETURNING id
                """, logger: self.logger)
            var updated = false
            for try await _ in rows.decode(Int64.self) { updated = true }
            guard updated else { throw CohortStoreError.notFound(id) }
            if draft.definition != .staticList {
                try await connection.query(
                    "DELETE FROM cohort_members WHERE cohort_id = \(Int64(id))", logger: self.logger)
            }
            guard let cohort = try await self.fetch(Self.one(id: id, project: project), on: connection).first else {
                throw CohortStoreError.notFound(id)
            }
            return cohort
        }
    }

    public func delete(id: Int, project: String) async throws -> Bool {
        let rows = try await self.client.query(
            "DELETE FROM cohorts WHERE id = \(Int64(id)) AND project = \(project) RETURNING id", logger: self.logger)
        var deleted = false
        for try await _ in rows.decode(Int64.self) { deleted = true }
        return deleted
    }

    public func addMembers(_ distinctIDs: [String], to id: Int, project: String, at: Date) async throws -> Cohort {
        try await self.inTransaction { connection in
            let locked = try await connection.query(
                "SELECT is_static FROM cohorts WHERE id = \(Int64(id)) AND project = \(project) FOR UPDATE",
                logger: self.logger)
            var isStatic: Bool?
            for try await value in locked.decode(Bool.self) { isStatic = value }
            guard let isStatic else { throw CohortStoreError.notFound(id) }
            guard isStatic else { throw CohortStoreError.notStatic(id) }
            // One statement per page of ids: the whole upload commits or none of it does.
            var start = distinctIDs.startIndex
            while start < distinctIDs.endIndex {
                let page = Array(distinctIDs[start..<min(start + 5_000, distinctIDs.endIndex)])
                try await connection.query(
                    """
                    INSERT INTO cohort_members (cohort_id, distinct_id)
                    SELECT \(Int64(id)), unnest(\(page)::text[]) ON CONFLICT DO NOTHING
                    """, logger: self.logger)
                start += page.count
            }
            try await connection.query(
                """
                UPDATE cohorts SET version = version + 1, updated_at = \(CohortRow.micros(at)) WHERE id = \(Int64(id))
                """, logger: self.logger)
            guard let cohort = try await self.fetch(Self.one(id: id, project: project), on: connection).first else {
                throw CohortStoreError.notFound(id)
            }
            return cohort
        }
    }

    public func members(of id: Int, project: String, offset: Int, limit: Int) async throws -> [String] {
        let rows = try await self.client.query(
            """
            SELECT m.distinct_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
            WHERE m.cohort_id = \(Int64(id)) AND c.project = \(project)
            ORDER BY m.distinct_id COLLATE "C" LIMIT \(Int64(limit)) OFFSET \(Int64(offset))
            """, logger: self.logger)
        var members: [String] = []
        for try await distinctID in rows.decode(String.self) { members.append(distinctID) }
        return members
    }

    public func staticCohorts(containing distinctID: String, among ids: [Int], project: String) async throws -> Set<Int>
    {
        guard !ids.isEmpty else { return [] }
        let rows = try await self.client.query(
            """
            SELECT m.cohort_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
            WHERE m.distinct_id = \(distinctID) AND c.project = \(project) AND m.cohort_id = ANY(\(ids.map(Int64.init)))
            """, logger: self.logger)
        var found: Set<Int> = []
        for try await id in rows.decode(Int64.self) { found.insert(Int(id)) }
        return found
    }

    private static func binds(_ project: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(project)
        return binds
    }

    private static func one(id: Int, project: String) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(Int64(id))
        binds.append(project)
        return PostgresQuery(unsafeSQL: Self.columns + " WHERE c.id = $1 AND c.project = $2", binds: binds)
    }

    private func fetch(_ query: PostgresQuery) async throws -> [Cohort] {
        try await Self.cohorts(from: try await self.client.query(query, logger: self.logger))
    }

    private func fetch(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [Cohort] {
        try await Self.cohorts(from: try await connection.query(query, logger: self.logger))
    }

    private static func cohorts(from rows: PostgresRowSequence) async throws -> [Cohort] {
        // Rows are decoded after the loop: parsing the criteria (typed throws) inside the async loop crashed
        // Swift 6.3.1's optimizer (signal 11 splitting the coroutine).
        var raw: [Columns] = []
        for try await row in rows.decode(Columns.self) { raw.append(row) }
        return try raw.map(Self.cohort)
    }

    private static func cohort(_ row: Columns) throws -> Cohort {
        Cohort(
            id: Int(row.0), name: row.1, description: row.2,
            definition: try CohortRow.definition(isStatic: row.3, filters: row.4), version: Int(row.5),
            staticCount: Int(row.8), createdAt: CohortRow.date(row.6), updatedAt: CohortRow.date(row.7))
    }

    private func inTransaction<Value: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        do {
            return try await self.client.withTransaction(logger: self.logger) { try await body($0) }
        } catch let error as PostgresTransactionError {
            // A refusal decided inside the transaction is the caller's answer, not a database failure.
            if let refusal = error.closureError as? CohortStoreError { throw refusal }
            throw error
        }
    }
}
