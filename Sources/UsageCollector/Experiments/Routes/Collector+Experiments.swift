import Foundation
import Hummingbird
import Logging

extension Collector {
    /// The experiment store beside an event store: the same SQLite file or PostgreSQL database. Other event
    /// stores (test doubles) have none, and the collector then serves no experiment routes.
    static func experimentStore(beside store: any EventStore, logger: Logger) -> (any ExperimentStore)? {
        if let sqlite = store as? SQLiteEventStore { return SQLiteExperimentStore(pool: sqlite.pool) }
        if let postgres = store as? PostgresEventStore {
            return PostgresExperimentStore(client: postgres.client, logger: logger)
        }
        return nil
    }

    /// The experiments of this collector, or nil without an experiment or flag store. Flags are read through the
    /// collector's own flag store, the instance every flag write goes through (so a cache in it stays fresh).
    var experimentCatalog: ExperimentCatalog? {
        guard let flags = self.flags, let store = Self.experimentStore(beside: self.store, logger: self.logger) else {
            return nil
        }
        return ExperimentCatalog(store: store, flags: flags, engine: self.insights)
    }

    /// Adds the experiment admin API to `admin`.
    func addExperimentRoutes(admin: RouterGroup<BasicRequestContext>) {
        guard let catalog = self.experimentCatalog else { return }
        ExperimentAdminController(
            catalog: catalog, projects: ProjectDirectory(keys: self.configuration.projectKeys), now: { Date() }
        )
        .addRoutes(to: admin)
    }
}
