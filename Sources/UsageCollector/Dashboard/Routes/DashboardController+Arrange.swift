import Foundation
import Hummingbird

/// `/dashboards/{id}/arrange`: a dashboard's tiles in order with buttons moving each up or down or removing it,
/// a list adding saved insights, renaming and deleting; plain form posts, usable from the keyboard without script.
extension DashboardController {
    struct ArrangeView {
        struct Tile {
            let index: Int
            let position: Int
            let insightID: Int64
            let name: String
            let isFirst: Bool
            let isLast: Bool
        }

        struct Candidate {
            let id: Int64
            let name: String
        }

        let csrf: String
        let dashboardID: Int64
        let name: String
        let message: String?
        let error: String?
        let tiles: [Tile]
        let candidates: [Candidate]
        let hasCandidates: Bool
    }

    func arrangePage(
        id: String, session: DashboardSession, status: HTTPResponse.Status = .ok, message: String? = nil,
        error: String? = nil
    ) async -> Response {
        do {
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id),
                let dashboard = try await library.dashboards(project: project).first(where: { $0.id == number })
            else { return await self.savedPage(session: session, status: .notFound, error: Self.noDashboard(id)) }
            let insights = try await library.insights(project: project)
            let names = Dictionary(insights.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let tiles = dashboard.insightIDs.enumerated().map { index, insightID in
                ArrangeView.Tile(
                    index: index, position: index + 1, insightID: insightID,
                    name: names[insightID] ?? "Insight \(insightID) (deleted)", isFirst: index == 0,
                    isLast: index == dashboard.insightIDs.count - 1)
            }
            let candidates = insights.filter { !dashboard.insightIDs.contains($0.id) }.map {
                ArrangeView.Candidate(id: $0.id, name: $0.name)
            }
            let view = ArrangeView(
                csrf: session.csrfToken, dashboardID: dashboard.id, name: dashboard.name, message: message,
                error: error, tiles: tiles, candidates: candidates, hasCandidates: !candidates.isEmpty)
            return PageRenderer.page(
                status: status, title: "Arrange \(dashboard.name)", page: "saved", template: ArrangeTemplate.name,
                view: view, session: session)
        } catch {
            return await self.savedPage(session: session, status: .internalServerError, error: "\(error)")
        }
    }

    func editTiles(id: String, fields: [String: String], session: DashboardSession) async -> Response {
        do {
            let (library, project) = try await self.savedLibrary()
            guard let number = Int64(id),
                let dashboard = try await library.dashboards(project: project).first(where: { $0.id == number })
            else { return await self.savedPage(session: session, status: .notFound, error: Self.noDashboard(id)) }
            let insights = try await library.insights(project: project)
            let edit: TileEdit
            let tiles: [Int64]
            do {
                edit = try TileEdit.parse(fields)
                tiles = try edit.apply(to: dashboard.insightIDs, known: Set(insights.map(\.id)))
            } catch {
                return await self.arrangePage(
                    id: id, session: session, status: .badRequest, error: "Not changed: \(error)")
            }
            guard try await library.arrangeDashboard(project: project, id: number, insightIDs: tiles) else {
                return await self.savedPage(session: session, status: .notFound, error: Self.noDashboard(id))
            }
            let name = insights.first { $0.id == edit.insightID }?.name ?? "the tile"
            let done =
                switch edit.action {
                case .up: "Moved \(name) up."
                case .down: "Moved \(name) down."
                case .remove: "Removed \(name) from the dashboard."
                case .add: "Added \(name) as the last tile."
                }
            return await self.arrangePage(id: id, session: session, message: done)
        } catch {
            return await self.savedPage(session: session, status: .internalServerError, error: "\(error)")
        }
    }
}
