import Foundation
import UsageAnalytics

/// The flags of one project as a signed-in page sees them: its store, the project, and the session.
struct FlagScope: Sendable {
    let store: any FlagStore
    /// The project's ingestion key, which the store files flags under.
    let project: String
    /// The project's numeric id, as in the admin API's `/api/projects/{project_id}/feature_flags`.
    let projectID: Int
    let session: DashboardSession

    /// Where the project's flag pages live.
    var path: String { "/projects/\(self.projectID)/flags" }

    func path(of id: Int) -> String { "\(self.path)/\(id)" }

    /// The flag with the id a route named, archived or not.
    /// - Throws: ``FlagStoreError/notFound(_:)`` when the project has no such flag, or the id is no number.
    func flag(_ reference: String) async throws -> StoredFlag {
        guard let id = Int(reference), id > 0 else { throw FlagStoreError.notFound(0) }
        let flags = try await self.store.flags(project: self.project, includeArchived: true)
        guard let stored = flags.first(where: { $0.flag.id == id }) else { throw FlagStoreError.notFound(id) }
        return stored
    }
}
