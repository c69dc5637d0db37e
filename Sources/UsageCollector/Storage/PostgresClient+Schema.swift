import Logging
import PostgresNIO

extension PostgresClient {
    /// Runs `statements` (`CREATE … IF NOT EXISTS`) in one transaction under the event store's migration lock,
    /// so replicas started together do not race on `CREATE TABLE`: the tables beside the events (flags,
    /// cohorts) are created this way.
    func createTables(_ statements: [PostgresQuery], logger: Logger) async throws {
        try await self.withTransaction(logger: logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(PostgresEventStore.migrationLockKey))", logger: logger)
            for statement in statements { try await connection.query(statement, logger: logger) }
        }
    }
}
