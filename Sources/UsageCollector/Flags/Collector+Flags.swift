import Foundation
import Hummingbird
import Logging

extension Collector {
    /// The flag store beside an event store: the same SQLite file or PostgreSQL database, read through a
    /// ``CachedFlagStore`` that every write goes through. Other event stores (test doubles) have none, and
    /// the collector then serves no flag routes.
    static func flagStore(beside store: any EventStore, logger: Logger) -> (any FlagStore)? {
        if let sqlite = store as? SQLiteEventStore { return CachedFlagStore(SQLiteFlagStore(pool: sqlite.pool)) }
        if let postgres = store as? PostgresEventStore {
            return CachedFlagStore(PostgresFlagStore(client: postgres.client, logger: logger))
        }
        return nil
    }

    /// Adds the SDK-facing flag endpoints to `router` and the flag admin API to `admin`.
    func addFlagRoutes(to router: Router<BasicRequestContext>, admin: RouterGroup<BasicRequestContext>) {
        guard let flags = self.flags else { return }
        let keys = ProjectKeys(keys: self.configuration.projectKeys)
        FlagsController(store: flags, projectKeys: keys, now: { Date() }, cohorts: self.cohortMemberships)
            .addRoutes(to: router)
        FlagAdminController(
            store: flags, projects: ProjectDirectory(keys: self.configuration.projectKeys), now: { Date() },
            cohorts: self.cohorts
        )
        .addRoutes(to: admin)
    }
}
