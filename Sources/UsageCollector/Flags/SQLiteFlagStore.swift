import Foundation
import GRDB
import UsageAnalytics

/// Flag definitions in the collector's SQLite file, beside the events, in their own tables.
public struct SQLiteFlagStore: FlagStore {
    let pool: DatabasePool

    /// A store over the event store's pool.
    public init(pool: DatabasePool) {
        self.pool = pool
    }

    public func migrateFlags() async throws {
        try await self.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS feature_flags (
                        id INTEGER PRIMARY KEY,
                        project TEXT NOT NULL,
                        key TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        archived INTEGER NOT NULL,
                        definition TEXT NOT NULL,
                        updated_at INTEGER NOT NULL,
                        UNIQUE (project, key)
                    );
                    CREATE TABLE IF NOT EXISTS feature_flag_revisions (
                        flag_id INTEGER NOT NULL REFERENCES feature_flags (id),
                        version INTEGER NOT NULL,
                        action TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        changed_at INTEGER NOT NULL,
                        PRIMARY KEY (flag_id, version)
                    );
                    """)
        }
    }

    public func flags(project: String, includeArchived: Bool) async throws -> [StoredFlag] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT definition, archived, updated_at FROM feature_flags WHERE project = ?"
                    + (includeArchived ? "" : " AND archived = 0") + " ORDER BY id",
                arguments: [project]
            ).map(Self.storedFlag)
        }
    }

    public func apply(_ change: FlagChange, project: String) async throws -> StoredFlag {
        try await self.pool.write { db in
            if let key = change.requestedKey,
                let holder = try Int.fetchOne(
                    db, sql: "SELECT id FROM feature_flags WHERE project = ? AND key = ?", arguments: [project, key]),
                holder != change.flagID
            {
                throw FlagStoreError.keyTaken(key)
            }
            let current = try change.flagID.flatMap { id in
                try Row.fetchOne(
                    db, sql: "SELECT definition, archived, updated_at FROM feature_flags WHERE id = ? AND project = ?",
                    arguments: [id, project]
                ).map(Self.storedFlag)
            }
            let newID = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM feature_flags") ?? 1
            let (stored, revision) = try change.applied(to: current, newID: newID)
            let definition = StoredDefinition.text(stored.flag)
            try db.execute(
                sql: """
                    INSERT INTO feature_flags (id, project, key, version, archived, definition, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET key = excluded.key, version = excluded.version,
                        archived = excluded.archived, definition = excluded.definition, updated_at = excluded.updated_at
                    """,
                arguments: [
                    stored.flag.id, project, stored.flag.key, stored.flag.version, stored.archived, definition,
                    StoredDefinition.micros(stored.updatedAt),
                ])
            try db.execute(
                sql: """
                    INSERT INTO feature_flag_revisions (flag_id, version, action, definition, changed_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    stored.flag.id, revision.version, revision.action.rawValue, definition,
                    StoredDefinition.micros(revision.changedAt),
                ])
            return stored
        }
    }

    public func revisions(flagID: Int, project: String) async throws -> [FlagRevision] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.version, r.action, r.definition, r.changed_at FROM feature_flag_revisions r
                    JOIN feature_flags f ON f.id = r.flag_id WHERE r.flag_id = ? AND f.project = ? ORDER BY r.version
                    """,
                arguments: [flagID, project]
            ).map { row in
                FlagRevision(
                    version: row["version"], action: FlagRevision.Action(rawValue: row["action"]) ?? .edited,
                    flag: try StoredDefinition.flag(row["definition"]),
                    changedAt: StoredDefinition.date(row["changed_at"]))
            }
        }
    }

    private static func storedFlag(_ row: Row) throws -> StoredFlag {
        StoredFlag(
            flag: try StoredDefinition.flag(row["definition"]), archived: row["archived"],
            updatedAt: StoredDefinition.date(row["updated_at"]))
    }
}
