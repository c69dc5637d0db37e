import Foundation
import GRDB

/// Cohorts in the collector's SQLite file, beside the events, in their own tables.
public struct SQLiteCohortStore: CohortStore {
    let pool: DatabasePool

    /// A store over the event store's pool.
    public init(pool: DatabasePool) {
        self.pool = pool
    }

    private static let columns = """
        SELECT c.id, c.name, c.description, c.is_static, c.filters, c.version, c.created_at, c.updated_at,
            (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id) AS member_count
        FROM cohorts c
        """

    public func migrateCohorts() async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS cohorts (
                        id INTEGER PRIMARY KEY,
                        project TEXT NOT NULL,
                        name TEXT NOT NULL,
                        description TEXT NOT NULL,
                        is_static INTEGER NOT NULL,
                        filters TEXT,
                        version INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS cohorts_project ON cohorts (project);
                    CREATE TABLE IF NOT EXISTS cohort_members (
                        cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
                        distinct_id TEXT NOT NULL,
                        PRIMARY KEY (cohort_id, distinct_id)
                    ) WITHOUT ROWID;
                    """)
        }
    }

    public func cohorts(project: String) async throws -> [Cohort] {
        try await self.pool.read { db in
            try Row.fetchAll(db, sql: Self.columns + " WHERE c.project = ? ORDER BY c.id", arguments: [project])
                .map(Self.cohort)
        }
    }

    public func cohort(id: Int, project: String) async throws -> Cohort? {
        try await self.pool.read { db in try Self.fetch(db, id: id, project: project) }
    }

    public func create(_ draft: CohortDraft, project: String, at: Date) async throws -> Cohort {
        try await self.pool.write { db in
            let now = CohortRow.micros(at)
            try db.execute(
                sql: """
                    INSERT INTO cohorts (project, name, description, is_static, filters, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                    """,
                arguments: [
                    project, draft.name, draft.description, draft.definition == .staticList,
                    CohortRow.filtersText(draft.definition), now, now,
                ])
            guard let cohort = try Self.fetch(db, id: Int(db.lastInsertedRowID), project: project) else {
                throw CohortStoreError.notFound(Int(db.lastInsertedRowID))
            }
            return cohort
        }
    }

    public func update(id: Int, with draft: CohortDraft, project: String, at: Date) async throws -> Cohort {
        try await self.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE cohorts SET name = ?, description = ?, is_static = ?, filters = ?, version = version + 1,
                        updated_at = ? WHERE id = ? AND project = ?
                    """,
                arguments: [
                    draft.name, draft.description, draft.definition == .staticList,
                    CohortRow.filtersText(draft.definition), CohortRow.micros(at), id, project,
                ])
            guard db.changesCount > 0 else { throw CohortStoreError.notFound(id) }
            if draft.definition != .staticList {
                try db.execute(sql: "DELETE FROM cohort_members WHERE cohort_id = ?", arguments: [id])
            }
            guard let cohort = try Self.fetch(db, id: id, project: project) else { throw CohortStoreError.notFound(id) }
            return cohort
        }
    }

    public func delete(id: Int, project: String) async throws -> Bool {
        try await self.pool.write { db in
            guard try Self.fetch(db, id: id, project: project) != nil else { return false }
            try db.execute(sql: "DELETE FROM cohort_members WHERE cohort_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM cohorts WHERE id = ?", arguments: [id])
            return true
        }
    }

    public func addMembers(_ distinctIDs: [String], to id: Int, project: String, at: Date) async throws -> Cohort {
        try await self.pool.write { db in
            guard let current = try Self.fetch(db, id: id, project: project) else {
                throw CohortStoreError.notFound(id)
            }
            guard current.isStatic else { throw CohortStoreError.notStatic(id) }
            let insert = try db.makeStatement(
                sql: "INSERT INTO cohort_members (cohort_id, distinct_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
            for distinctID in distinctIDs { try insert.execute(arguments: [id, distinctID]) }
            try db.execute(
                sql: "UPDATE cohorts SET version = version + 1, updated_at = ? WHERE id = ?",
                arguments: [CohortRow.micros(at), id])
            guard let cohort = try Self.fetch(db, id: id, project: project) else { throw CohortStoreError.notFound(id) }
            return cohort
        }
    }

    public func members(of id: Int, project: String, offset: Int, limit: Int) async throws -> [String] {
        try await self.pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT m.distinct_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
                    WHERE m.cohort_id = ? AND c.project = ? ORDER BY m.distinct_id LIMIT ? OFFSET ?
                    """,
                arguments: [id, project, limit, offset])
        }
    }

    public func staticCohorts(containing distinctID: String, among ids: [Int], project: String) async throws -> Set<Int>
    {
        guard !ids.isEmpty else { return [] }
        return try await self.pool.read { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            var arguments: StatementArguments = [distinctID, project]
            arguments += StatementArguments(ids)
            return Set(
                try Int.fetchAll(
                    db,
                    sql: """
                        SELECT m.cohort_id FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
                        WHERE m.distinct_id = ? AND c.project = ? AND m.cohort_id IN (\(placeholders))
                        """,
                    arguments: arguments))
        }
    }

    private static func fetch(_ db: Database, id: Int, project: String) throws -> Cohort? {
        try Row.fetchOne(db, sql: Self.columns + " WHERE c.id = ? AND c.project = ?", arguments: [id, project])
            .map(Self.cohort)
    }

    private static func cohort(_ row: Row) throws -> Cohort {
        let isStatic: Bool = row["is_static"]
        return Cohort(
            id: row["id"], name: row["name"], description: row["description"],
            definition: try CohortRow.definition(isStatic: isStatic, filters: row["filters"]),
            version: row["version"], staticCount: row["member_count"],
            createdAt: CohortRow.date(row["created_at"]), updatedAt: CohortRow.date(row["updated_at"]))
    }
}
