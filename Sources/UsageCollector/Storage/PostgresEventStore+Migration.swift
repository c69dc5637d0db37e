import Logging
import PostgresNIO

extension PostgresEventStore {
    /// Key of the session-level advisory lock held around the schema migration ("usgcolmg"). Without it, two
    /// collectors started together on an empty database both run `CREATE TABLE IF NOT EXISTS`, and one fails
    /// on a duplicate `pg_type` key.
    static let migrationLockKey: Int64 = 0x7573_6763_6f6c_6d67

    /// Runs `body` on a connection of its own (outside the pool, whose connection failures are retried and
    /// never reported) while holding the migration lock.
    ///
    /// Cancelling the task closes the connection, which ends a wait for the lock and releases it.
    func withMigrationLock(_ body: (PostgresConnection) async throws -> Void) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: try self.migrationURL.connectionConfiguration(), id: 0, logger: self.logger)
        do {
            try await withTaskCancellationHandler {
                try await Self.lock(connection, logger: self.logger)
                try await body(connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLockKey))", logger: self.logger)
            } onCancel: {
                let closing: EventLoopFuture<Void> = connection.close()
                closing.whenComplete { _ in }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    private static func lock(_ connection: PostgresConnection, logger: Logger) async throws {
        let attempt = try await connection.query(
            "SELECT pg_try_advisory_lock(\(Self.migrationLockKey))", logger: logger)
        var acquired = false
        for try await value in attempt.decode(Bool.self) { acquired = value }
        if acquired { return }
        logger.info("another collector is migrating the schema; waiting for its lock")
        try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLockKey))", logger: logger)
    }
}
