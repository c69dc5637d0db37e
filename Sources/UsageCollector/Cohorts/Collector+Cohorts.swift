import Foundation
import Hummingbird
import Logging

extension Collector {
    /// The cohort store beside an event store: the same SQLite file or PostgreSQL database.
    /// Other event stores (test doubles) have none, and the collector then serves no cohort routes.
    static func cohortStore(beside store: any EventStore, logger: Logger) -> (any CohortStore)? {
        if let sqlite = store as? SQLiteEventStore { return SQLiteCohortStore(pool: sqlite.pool) }
        if let postgres = store as? PostgresEventStore {
            return PostgresCohortStore(client: postgres.client, logger: logger)
        }
        return nil
    }

    /// Adds the cohort admin API to `admin`.
    func addCohortRoutes(to admin: RouterGroup<BasicRequestContext>) {
        guard let memberships = self.cohortMemberships else { return }
        CohortAdminController(
            memberships: memberships, projects: ProjectDirectory(keys: self.configuration.projectKeys)
        )
        .addRoutes(to: admin)
    }
}
