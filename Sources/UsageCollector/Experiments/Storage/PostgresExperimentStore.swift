import Logging
import PostgresNIO

/// Experiments in the collector's PostgreSQL database, beside the events.
public struct PostgresExperimentStore: ExperimentStore {
    let client: PostgresClient
    let logger: Logger

    /// A store over the event store's client (which must be running).
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func migrateExperiments() async throws {
        // Under the event store's migration lock, so replicas started together do not race on CREATE TABLE.
        try await self.client.withTransaction(logger: self.logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresEventStore.migrationLockKey))", logger: self.logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS experiments (
                    id BIGSERIAL PRIMARY KEY,
                    project TEXT NOT NULL,
                    archived BOOLEAN NOT NULL,
                    definition TEXT NOT NULL
                )
                """, logger: self.logger)
        }
    }

    public func experiments(project: String, includeArchived: Bool) async throws -> [Experiment] {
        try await self.read(
            """
            SELECT id, definition FROM experiments
            WHERE project = \(project) AND (\(includeArchived) OR NOT archived) ORDER BY id
            """)
    }

    public func experiment(id: Int, project: String) async throws -> Experiment? {
        try await self.read(
            "SELECT id, definition FROM experiments WHERE id = \(Int64(id)) AND project = \(project)"
        ).first
    }

    public func create(_ experiment: Experiment, project: String) async throws -> Experiment {
        var created = experiment
        let rows = try await self.client.query(
            """
            INSERT INTO experiments (project, archived, definition)
            VALUES (\(project), \(experiment.archived), \(experiment.storedText)) RETURNING id
            """, logger: self.logger)
        for try await id in rows.decode(Int64.self) { created.id = Int(id) }
        return created
    }

    public func update(_ experiment: Experiment, project: String) async throws -> Experiment {
        let rows = try await self.client.query(
            """
            UPDATE experiments SET archived = \(experiment.archived), definition = \(experiment.storedText)
            WHERE id = \(Int64(experiment.id)) AND project = \(project) RETURNING id
            """, logger: self.logger)
        var updated = false
        for try await _ in rows.decode(Int64.self) { updated = true }
        guard updated else { throw ExperimentStoreError.notFound(experiment.id) }
        return experiment
    }

    private func read(_ query: PostgresQuery) async throws -> [Experiment] {
        let rows = try await self.client.query(query, logger: self.logger)
        var experiments: [Experiment] = []
        for try await (id, definition) in rows.decode((Int64, String).self) {
            experiments.append(try Experiment.stored(definition, id: Int(id)))
        }
        return experiments
    }
}
