import Foundation
import Hummingbird

/// A saved dashboard's page: every tile's query run over the dashboard-wide date range.
extension DashboardController {
    func tiles(
        _ request: Request, dashboard: SavedDashboard, insights: [Int64: SavedInsight], project: String,
        session: DashboardSession
    ) async -> Response {
        let parameters = request.uri.queryParameters
        let now = Int64(self.configuration.now().timeIntervalSince1970 * 1_000_000)
        let today = UTCCalendar.day(of: now)
        let (range, parsedNotice) = ReportRange.parse(
            from: parameters["from"].map(String.init), to: parameters["to"].map(String.init), today: today)
        var notice = parsedNotice
        var sections: [ReportSection] = []
        for (index, id) in dashboard.insightIDs.enumerated() {
            guard let insight = insights[id], case .object(var query)? = JSONValue.parse(Array(insight.query.utf8))
            else { continue }
            query["dateRange"] = range.dateRange
            let node = JSONValue.object(query)
            do {
                let answer = try await self.engine.answer(
                    try InsightQuery.parse(body: Array(node.jsonText.utf8)), project: project, now: now,
                    cohorts: self.cohorts)
                let section = InsightRendering.section(title: insight.name, query: node, answer: answer)
                sections.append(section.renamed(id: "tile-\(index + 1)"))
            } catch let error as InsightQueryError {
                notice = "\(insight.name): the query was refused at \(error.attr): \(error.detail)"
            } catch {
                notice = "The insights engine is still loading the stored events; reload this page in a few seconds."
                break
            }
        }
        let path = "/dashboards/\(dashboard.id)"
        let presets =
            [7, 30, 90].map { days in
                ReportView.Preset(
                    label: "Last \(days) days",
                    href: "\(path)?from=\(ReportRange.text(today - Int64(days) + 1))&to=\(ReportRange.text(today))")
            } + [ReportView.Preset(label: "Arrange tiles", href: "\(path)/arrange")]
        if dashboard.insightIDs.isEmpty && notice == nil {
            notice = "This dashboard has no tiles: arrange it to add saved insights."
        } else if sections.isEmpty && notice == nil {
            notice = "None of this dashboard's insights exists any more."
        }
        let view = ReportView(
            title: dashboard.name,
            summary: "A saved dashboard of \(dashboard.insightIDs.count) insights, over one date range.",
            path: path, from: range.fromText, to: range.toText, presets: presets, hasProjects: false, projects: [],
            notice: notice, sections: sections)
        return PageRenderer.page(
            title: dashboard.name, page: "saved", template: ReportTemplate.name, view: view, session: session)
    }
}

extension ReportSection {
    /// The same section under another element id (tiles of one dashboard must not share one).
    func renamed(id: String) -> ReportSection {
        ReportSection(
            id: id, title: self.title, explanation: self.explanation, isEmpty: self.isEmpty,
            emptyMessage: self.emptyMessage, chart: self.chart, table: self.table, queries: self.queries)
    }
}
