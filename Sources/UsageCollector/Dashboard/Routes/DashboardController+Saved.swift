import Foundation
import Hummingbird

/// `/saved`, `/dashboards/{id}`, export and import: saved insights and dashboards of the first project.
extension DashboardController {
    struct SavedView {
        struct Insight {
            let id: Int64
            let name: String
            let kind: String
        }

        struct Dashboard {
            let id: Int64
            let name: String
            let tiles: Int
        }

        let csrf: String
        let message: String?
        let error: String?
        let insights: [Insight]
        let hasInsights: Bool
        let dashboards: [Dashboard]
    }

    func savedPage(
        session: DashboardSession, status: HTTPResponse.Status = .ok, message: String? = nil, error: String? = nil
    ) async -> Response {
        var insights: [SavedView.Insight] = []
        var dashboards: [SavedView.Dashboard] = []
        var problem = error
        do {
            let (library, project) = try await self.savedLibrary()
            insights = try await library.insights(project: project).map { insight in
                let kind = JSONValue.parse(Array(insight.query.utf8))?.field("kind")
                return SavedView.Insight(id: insight.id, name: insight.name, kind: InsightRendering.text(kind) ?? "")
            }
            dashboards = try await library.dashboards(project: project).map {
                SavedView.Dashboard(id: $0.id, name: $0.name, tiles: $0.insightIDs.count)
            }
        } catch {
            problem = "\(error)"
        }
        let view = SavedView(
            csrf: session.csrfToken, message: message, error: problem, insights: insights,
            hasInsights: !insights.isEmpty, dashboards: dashboards)
        return PageRenderer.page(
            status: status, title: "Saved", page: "saved", template: SavedTemplate.name, view: view, session: session)
    }

    /// The library and the project it is kept for, or why there is none.
    func savedLibrary() async throws -> (any InsightLibrary, String) {
        guard let library = self.library else {
            throw LibraryError(description: "This collector's store cannot keep saved insights.")
        }
        guard let project = self.projects.first else {
            throw LibraryError(description: "No project key is configured.")
        }
        return (try await library.library(), project)
    }

    /// Saves the builder's query under the form's name; returns what to tell the user.
    func saveFromBuilder(_ form: BuilderForm, query: JSONValue) async -> (message: String?, error: String?) {
        do {
            let name = try LibraryError.check(name: form.name ?? "")
            let (library, project) = try await self.savedLibrary()
            _ = try await library.saveInsight(project: project, name: name, query: query.jsonText)
            return ("Saved as \(name).", nil)
        } catch {
            return (nil, "Not saved: \(error)")
        }
    }

    func createDashboard(fields: [String: String], session: DashboardSession) async -> Response {
        do {
            let name = try LibraryError.check(name: fields["name"] ?? "")
            let (library, project) = try await self.savedLibrary()
            let listed = try await library.insights(project: project).map(\.id)
            let tiles = try DashboardComposition.tiles(from: fields, listed: listed)
            let id = try await library.saveDashboard(project: project, name: name, insightIDs: tiles)
            return Self.redirect("/dashboards/\(id)")
        } catch {
            return await self.savedPage(session: session, status: .badRequest, error: "\(error)")
        }
    }

    func dashboardPage(_ request: Request, id: String, session: DashboardSession) async -> Response {
        do {
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id),
                let dashboard = try await library.dashboards(project: project).first(where: { $0.id == number })
            else {
                return await self.savedPage(
                    session: session, status: .notFound, error: "There is no dashboard \(id.prefix(20)).")
            }
            let insights = Dictionary(
                try await library.insights(project: project).map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first })
            return await self.tiles(
                request, dashboard: dashboard, insights: insights, project: project, session: session)
        } catch {
            return await self.savedPage(session: session, status: .internalServerError, error: "\(error)")
        }
    }

    func exportLibrary(session: DashboardSession) async -> Response {
        do {
            let (library, project) = try await self.savedLibrary()
            let document = try await LibraryDocument.export(library, project: project)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json", .contentDisposition: #"attachment; filename="insights.json""#,
                    .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(document))))
        } catch {
            return await self.savedPage(session: session, status: .internalServerError, error: "\(error)")
        }
    }

    struct ImportForm: Decodable {
        let csrf: String?
        let document: String?
    }

    func importLibrary(_ request: Request, session: DashboardSession) async -> Response {
        let form: ImportForm
        switch await FormBody.decode(ImportForm.self, from: request, maximumBytes: LibraryDocument.maximumBytes * 3) {
        case .success(let decoded): form = decoded
        case .failure(let failure):
            return await self.savedPage(session: session, status: failure.status, error: failure.message)
        }
        guard let presented = form.csrf, SecretComparison.equals(presented, session.csrfToken) else {
            return FormBody.refusal(
                status: .forbidden, session: session, message: "The form did not carry this session's CSRF token.")
        }
        do {
            let document = try LibraryDocument.parse(form.document ?? "")
            let (library, project) = try await self.savedLibrary()
            try await document.load(into: library, project: project)
            return await self.savedPage(
                session: session,
                message: "Imported \(document.insights.count) insights and \(document.dashboards.count) dashboards.")
        } catch {
            return await self.savedPage(session: session, status: .badRequest, error: "Nothing imported: \(error)")
        }
    }
}
