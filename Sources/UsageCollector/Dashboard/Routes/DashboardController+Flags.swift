import Foundation
import Hummingbird
import UsageAnalytics

/// The feature flag pages: `/projects/{project_id}/flags` lists a project's flags, `…/flags/{id}` shows one with its
/// history, and the forms of ``DashboardController/addFlagFormRoutes(to:)`` create and change them through the same
/// validation and store as the admin API. An id of another project is as unknown as one never created.
extension DashboardController {
    func addFlagRoutes(to router: Router<BasicRequestContext>) {
        router.get("/flags") { request, _ in
            await self.withSession(request) { session in
                guard let project = self.projects.first else {
                    return Self.flagMessage(.notFound, "No project", Self.noProjectKeys, session: session)
                }
                return Self.redirect("/projects/\(ProjectDirectory.id(of: project))/flags")
            }
        }
        router.get("/projects/{project_id}/flags") { request, context in
            await self.withFlags(request, context.parameters) { scope in
                try await self.flagListPage(scope, archived: request.uri.queryParameters["archived"] == "1")
            }
        }
        router.get("/projects/{project_id}/flags/{id}") { request, context in
            await self.withFlags(request, context.parameters) { scope in
                try await self.flagPage(scope, stored: try await scope.flag(context.parameters.get("id") ?? ""))
            }
        }
        self.addFlagFormRoutes(to: router)
    }

    static let noProjectKeys = "No project key is configured (COLLECTOR_PROJECT_KEYS), so there are no flags."

    /// Runs `body` in a live session for the project the route names, or answers why not: no such project, no flag
    /// store, no such flag, or a store failure.
    func withFlags(
        _ request: Request, _ parameters: Parameters, _ body: (FlagScope) async throws -> Response
    ) async -> Response {
        await self.withSession(request) { session in
            let reference = parameters.get("project_id") ?? ""
            guard let project = ProjectDirectory(keys: self.projects).key(for: reference) else {
                return Self.flagMessage(
                    .notFound, "Not found", "There is no project \(reference.prefix(20)).", session: session)
            }
            guard let store = self.flags else {
                return Self.flagMessage(
                    .notFound, "No flags", "This collector's store cannot keep feature flags.", session: session)
            }
            let scope = FlagScope(
                store: store, project: project, projectID: ProjectDirectory.id(of: project), session: session)
            do {
                return try await body(scope)
            } catch FlagStoreError.notFound {
                let id = (parameters.get("id") ?? "").prefix(20)
                return Self.flagMessage(
                    .notFound, "Not found", "There is no flag \(id) in this project.", session: session)
            } catch {
                return Self.flagMessage(
                    .internalServerError, "Not available", "The flags could not be read: \(error)", session: session)
            }
        }
    }

    static func flagMessage(
        _ status: HTTPResponse.Status, _ title: String, _ message: String, session: DashboardSession
    ) -> Response {
        PageRenderer.page(
            status: status, title: title, page: "flags", template: MessageTemplate.name,
            view: FormBody.RefusalView(title: title, message: message), session: session)
    }

    func flagListPage(_ scope: FlagScope, archived: Bool) async throws -> Response {
        let flags = try await scope.store.flags(project: scope.project, includeArchived: archived)
        let view = FlagListView(scope: scope, flags: flags, archived: archived, projects: self.projects)
        return PageRenderer.page(
            title: "Feature flags", page: "flags", template: FlagListTemplate.name, view: view,
            session: scope.session)
    }

    func flagPage(
        _ scope: FlagScope, stored: StoredFlag, status: HTTPResponse.Status = .ok, message: String? = nil
    ) async throws -> Response {
        let revisions = try await scope.store.revisions(flagID: stored.flag.id, project: scope.project)
        let view = FlagPageView(scope: scope, stored: stored, timeline: FlagTimeline(revisions), message: message)
        return PageRenderer.page(
            status: status, title: stored.flag.key, page: "flags", template: FlagTemplate.name, view: view,
            session: scope.session)
    }
}
