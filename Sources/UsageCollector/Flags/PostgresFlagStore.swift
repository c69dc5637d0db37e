import Foundation
import Logging
import PostgresNIO
import UsageAnalytics

/// Flag definitions in the collector's PostgreSQL database, in their own tables. Changes run in a
/// transaction that locks the flag's row, so concurrent edits of one flag get consecutive versions.
public struct PostgresFlagStore: FlagStore {
    let client: PostgresClient
    let logger: Logger

    /// A store over the event store's client (which must be running).
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func migrateFlags() async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE IF NOT EXISTS feature_flags (
                id BIGSERIAL PRIMARY KEY,
                project TEXT NOT NULL,
                key TEXT NOT NULL,
                version BIGINT NOT NULL,
                archived BOOLEAN NOT NULL,
                definition TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (project, key)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS feature_flag_revisions (
                flag_id BIGINT NOT NULL REFERENCES feature_flags (id),
                version BIGINT NOT NULL,
                action TEXT NOT NULL,
                definition TEXT NOT NULL,
                changed_at BIGINT NOT NULL,
                PRIMARY KEY (flag_id, version)
            )
            """,
        ]
        try await self.client.createTables(statements, logger: self.logger)
    }

    public func flags(project: String, includeArchived: Bool) async throws -> [StoredFlag] {
        let rows = try await self.client.query(
            """
            SELECT definition, archived, updated_at FROM feature_flags
            WHERE project = \(project) AND (\(includeArchived) OR NOT archived) ORDER BY id
            """, logger: self.logger)
        var flags: [StoredFlag] = []
        for try await (definition, archived, updatedAt) in rows.decode((String, Bool, Int64).self) {
            flags.append(
                StoredFlag(
                    flag: try StoredDefinition.flag(definition), archived: archived,
                    updatedAt: StoredDefinition.date(updatedAt)))
        }
        return flags
    }

    public func apply(_ change: FlagChange, project: String) async throws -> StoredFlag {
        do {
            return try await self.applyInTransaction(change, project: project)
        } catch let error as PostgresTransactionError {
            // A refusal decided inside the transaction is the caller's answer, not a database failure.
            if let refusal = error.closureError as? FlagStoreError { throw refusal }
            throw error
        }
    }

    private func applyInTransaction(_ change: FlagChange, project: String) async throws -> StoredFlag {
        let logger = self.logger
        return try await self.client.withTransaction(logger: logger) { connection in
            // Two creations of one key race on the unique index; taking a per-project advisory lock first
            // turns that into a clear `keyTaken` for the second.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(project)))", logger: logger)
            if let key = change.requestedKey {
                let holders = try await connection.query(
                    "SELECT id FROM feature_flags WHERE project = \(project) AND key = \(key)", logger: logger)
                for try await holder in holders.decode(Int64.self) where Int(holder) != change.flagID {
                    throw FlagStoreError.keyTaken(key)
                }
            }
            var current: StoredFlag?
            if let id = change.flagID {
                let rows = try await connection.query(
                    """
                    SELECT definition, archived, updated_at FROM feature_flags
                    WHERE id = \(Int64(id)) AND project = \(project) FOR UPDATE
                    """, logger: logger)
                for try await (definition, archived, updatedAt) in rows.decode((String, Bool, Int64).self) {
                    current = StoredFlag(
                        flag: try StoredDefinition.flag(definition), archived: archived,
                        updatedAt: StoredDefinition.date(updatedAt))
                }
            }
            var newID = 0
            if change.flagID == nil {
                let rows = try await connection.query(
                    "SELECT nextval(pg_get_serial_sequence('feature_flags', 'id'))", logger: logger)
                for try await id in rows.decode(Int64.self) { newID = Int(id) }
            }
            let (stored, revision) = try change.applied(to: current, newID: newID)
            let definition = StoredDefinition.text(stored.flag)
            let (id, version) = (Int64(stored.flag.id), Int64(stored.flag.version))
            let updatedAt = StoredDefinition.micros(stored.updatedAt)
            try await connection.query(
                """
                INSERT INTO feature_flags (id, project, key, version, archived, definition, updated_at)
                VALUES (\(id), \(project), \(stored.flag.key), \(version), \(stored.archived), \(definition), \(updatedAt))
                ON CONFLICT (id) DO UPDATE SET key = excluded.key, version = excluded.version,
                    archived = excluded.archived, definition = excluded.definition, updated_at = excluded.updated_at
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO feature_flag_revisions (flag_id, version, action, definition, changed_at)
                VALUES (\(id), \(version), \(revision.action.rawValue), \(definition), \(updatedAt))
                """, logger: logger)
            return stored
        }
    }

    public func revisions(flagID: Int, project: String) async throws -> [FlagRevision] {
        let rows = try await self.client.query(
            """
            SELECT r.version, r.action, r.definition, r.changed_at FROM feature_flag_revisions r
            JOIN feature_flags f ON f.id = r.flag_id WHERE r.flag_id = \(Int64(flagID)) AND f.project = \(project)
            ORDER BY r.version
            """, logger: self.logger)
        var revisions: [FlagRevision] = []
        for try await (version, action, definition, changedAt) in rows.decode((Int64, String, String, Int64).self) {
            revisions.append(
                FlagRevision(
                    version: Int(version), action: FlagRevision.Action(rawValue: action) ?? .edited,
                    flag: try StoredDefinition.flag(definition), changedAt: StoredDefinition.date(changedAt)))
        }
        return revisions
    }
}
