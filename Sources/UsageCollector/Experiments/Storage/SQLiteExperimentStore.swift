import GRDB

/// Experiments in the collector's SQLite file, beside the events.
public struct SQLiteExperimentStore: ExperimentStore {
    let pool: DatabasePool

    /// A store over the event store's pool.
    public init(pool: DatabasePool) {
        self.pool = pool
    }

    public func migrateExperiments() async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS experiments (
                        id INTEGER PRIMARY KEY,
                        project TEXT NOT NULL,
                        archived INTEGER NOT NULL,
                        definition TEXT NOT NULL
                    )
                    """)
        }
    }

    public func experiments(project: String, includeArchived: Bool) async throws -> [Experiment] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, definition FROM experiments WHERE project = ?"
                    + (includeArchived ? "" : " AND archived = 0") + " ORDER BY id",
                arguments: [project]
            ).map { try Experiment.stored($0["definition"], id: $0["id"]) }
        }
    }

    public func experiment(id: Int, project: String) async throws -> Experiment? {
        try await self.pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, definition FROM experiments WHERE id = ? AND project = ?",
                arguments: [id, project]
            ).map { try Experiment.stored($0["definition"], id: $0["id"]) }
        }
    }

    public func create(_ experiment: Experiment, project: String) async throws -> Experiment {
        try await self.pool.write { db in
            var created = experiment
            created.id = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM experiments") ?? 1
            try db.execute(
                sql: "INSERT INTO experiments (id, project, archived, definition) VALUES (?, ?, ?, ?)",
                arguments: [created.id, project, created.archived, created.storedText])
            return created
        }
    }

    public func update(_ experiment: Experiment, project: String) async throws -> Experiment {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE experiments SET archived = ?, definition = ? WHERE id = ? AND project = ?",
                arguments: [experiment.archived, experiment.storedText, experiment.id, project])
            guard db.changesCount == 1 else { throw ExperimentStoreError.notFound(experiment.id) }
            return experiment
        }
    }
}
