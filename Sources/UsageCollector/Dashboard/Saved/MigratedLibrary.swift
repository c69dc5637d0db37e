import GRDB
import Logging

/// The library of the collector's store, its tables created on first use (the dashboard never slows the
/// collector's start, and a store without a library leaves saving off).
actor MigratedLibrary {
    private let base: any InsightLibrary
    private var migrated = false

    init(base: any InsightLibrary) {
        self.base = base
    }

    /// The library for the store's engine; nil for a store of another kind (an embedder's own).
    static func make(for store: any EventStore, logger: Logger) -> MigratedLibrary? {
        switch store {
        case let sqlite as SQLiteEventStore: MigratedLibrary(base: SQLiteInsightLibrary(pool: sqlite.pool))
        case let postgres as PostgresEventStore:
            MigratedLibrary(base: PostgresInsightLibrary(client: postgres.client, logger: logger))
        default: nil
        }
    }

    func library() async throws -> any InsightLibrary {
        if !self.migrated {
            try await self.base.migrate()
            self.migrated = true
        }
        return self.base
    }
}
