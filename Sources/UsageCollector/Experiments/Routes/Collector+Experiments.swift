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

    /// The experiments of this collector, or nil without an experiment or flag store.
    var experimentCatalog: ExperimentCatalog? {
        ExperimentCatalog.make(beside: self.store, engine: self.insights, logger: self.logger)
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

extension ExperimentCatalog {
    /// The catalog over the experiment and flag stores beside `store`, or nil when it has none.
    static func make(beside store: any EventStore, engine: InsightsEngine, logger: Logger) -> ExperimentCatalog? {
        guard let flags = Collector.flagStore(beside: store, logger: logger),
            let experiments = Collector.experimentStore(beside: store, logger: logger)
        else { return nil }
        return ExperimentCatalog(store: experiments, flags: flags, engine: engine)
    }
}
