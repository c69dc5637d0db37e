import Foundation
import Hummingbird

/// Renaming and deleting saved insights and dashboards, and arranging a dashboard's tiles: CSRF-protected form
/// posts, each scoped to the first project, so an id of another project is as unknown as one never saved.
extension DashboardController {
    func addLibraryRoutes(to router: Router<BasicRequestContext>) {
        router.post("/saved/insights/{id}/rename") { request, context in
            await self.withLibraryForm(request) { session, fields in
                await self.renameInsight(id: context.parameters.get("id") ?? "", fields: fields, session: session)
            }
        }
        router.post("/saved/insights/{id}/delete") { request, context in
            await self.withLibraryForm(request) { session, _ in
                await self.deleteInsight(id: context.parameters.get("id") ?? "", session: session)
            }
        }
        router.get("/dashboards/{id}/arrange") { request, context in
            await self.withSession(request) { session in
                await self.arrangePage(id: context.parameters.get("id") ?? "", session: session)
            }
        }
        router.post("/dashboards/{id}/tiles") { request, context in
            await self.withLibraryForm(request) { session, fields in
                await self.editTiles(id: context.parameters.get("id") ?? "", fields: fields, session: session)
            }
        }
        router.post("/dashboards/{id}/rename") { request, context in
            await self.withLibraryForm(request) { session, fields in
                await self.renameDashboard(id: context.parameters.get("id") ?? "", fields: fields, session: session)
            }
        }
        router.post("/dashboards/{id}/delete") { request, context in
            await self.withLibraryForm(request) { session, _ in
                await self.deleteDashboard(id: context.parameters.get("id") ?? "", session: session)
            }
        }
    }

    /// Runs `body` with the fields of a form posted in a live session with its CSRF token; otherwise says why not.
    func withLibraryForm(
        _ request: Request, _ body: (DashboardSession, [String: String]) async -> Response
    ) async -> Response {
        await self.withSession(request) { session in
            switch await FormBody.decode([String: String].self, from: request) {
            case .failure(let failure):
                return await self.savedPage(session: session, status: failure.status, error: failure.message)
            case .success(let fields):
                guard let presented = fields["csrf"], SecretComparison.equals(presented, session.csrfToken) else {
                    return FormBody.refusal(
                        status: .forbidden, session: session,
                        message: "The form did not carry this session's CSRF token.")
                }
                return await body(session, fields)
            }
        }
    }

    func renameInsight(id: String, fields: [String: String], session: DashboardSession) async -> Response {
        do {
            let name = try LibraryError.check(name: fields["name"] ?? "")
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id), try await library.renameInsight(project: project, id: number, name: name)
            else { return await self.savedPage(session: session, status: .notFound, error: Self.noInsight(id)) }
            return await self.savedPage(session: session, message: "Renamed the insight to \(name).")
        } catch {
            return await self.savedPage(session: session, status: .badRequest, error: "Not renamed: \(error)")
        }
    }

    func deleteInsight(id: String, session: DashboardSession) async -> Response {
        do {
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id),
                let insight = try await library.insights(project: project).first(where: { $0.id == number })
            else { return await self.savedPage(session: session, status: .notFound, error: Self.noInsight(id)) }
            let boards = try await library.dashboards(project: project).filter { $0.insightIDs.contains(number) }
            guard try await library.deleteInsight(project: project, id: number) else {
                return await self.savedPage(session: session, status: .notFound, error: Self.noInsight(id))
            }
            let tiles =
                boards.isEmpty ? "" : "; its tile was removed from \(boards.map(\.name).joined(separator: ", "))"
            return await self.savedPage(session: session, message: "Deleted the insight \(insight.name)\(tiles).")
        } catch {
            return await self.savedPage(session: session, status: .internalServerError, error: "\(error)")
        }
    }

    func renameDashboard(id: String, fields: [String: String], session: DashboardSession) async -> Response {
        do {
            let name = try LibraryError.check(name: fields["name"] ?? "")
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id), try await library.renameDashboard(project: project, id: number, name: name)
            else { return await self.savedPage(session: session, status: .notFound, error: Self.noDashboard(id)) }
            return await self.arrangePage(id: id, session: session, message: "Renamed the dashboard to \(name).")
        } catch {
            return await self.arrangePage(
                id: id, session: session, status: .badRequest, error: "Not renamed: \(error)")
        }
    }

    func deleteDashboard(id: String, session: DashboardSession) async -> Response {
        do {
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id),
                let dashboard = try await library.dashboards(project: project).first(where: { $0.id == number }),
                try await library.deleteDashboard(project: project, id: number)
            else { return await self.savedPage(session: session, status: .notFound, error: Self.noDashboard(id)) }
            return await self.savedPage(session: session, message: "Deleted the dashboard \(dashboard.name).")
        } catch {
            return await self.savedPage(session: session, status: .internalServerError, error: "\(error)")
        }
    }

    static func noInsight(_ id: String) -> String {
        "There is no saved insight \(id.prefix(20))."
    }

    static func noDashboard(_ id: String) -> String {
        "There is no dashboard \(id.prefix(20))."
    }
}
