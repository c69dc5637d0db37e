import Foundation
import Hummingbird

/// The built-in report pages: range and project from the query string, sections from the insights engine.
extension DashboardController {
    struct ReportView {
        struct Preset {
            let label: String
            let href: String
        }

        struct ProjectOption {
            let key: String
            let selected: Bool
        }

        let title: String
        let summary: String
        let path: String
        let from: String
        let to: String
        let presets: [Preset]
        let hasProjects: Bool
        let projects: [ProjectOption]
        let notice: String?
        let sections: [ReportSection]
    }

    func report(_ page: ReportPage, request: Request, session: DashboardSession) -> Response {
        let parameters = request.uri.queryParameters
        let now = Int64(self.configuration.now().timeIntervalSince1970 * 1_000_000)
        let today = UTCCalendar.day(of: now)
        var (range, notice) = ReportRange.parse(
            from: parameters["from"].map(String.init), to: parameters["to"].map(String.init), today: today)
        let requested = parameters["project"].map(String.init)
        let project = requested.flatMap { self.projects.contains($0) ? $0 : nil } ?? self.projects.first
        if requested != nil, project != requested {
            notice = "That project is not one of this collector's; showing \(project ?? "nothing")."
        }
        var sections: [ReportSection] = []
        if let project {
            let context = ReportContext(engine: self.engine, project: project, range: range, now: now)
            do {
                sections = try Self.sections(of: page, context)
            } catch is InsightsEngine.NotReady {
                notice = "The insights engine is still loading the stored events; reload this page in a few seconds."
            } catch {
                notice = "This page could not be computed: \(error)"
            }
        } else {
            notice = "No project key is configured (COLLECTOR_PROJECT_KEYS), so there is nothing to show."
        }
        let projectQuery =
            project.map { "&project=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? ""
        let presets = [7, 30, 90].map { days in
            ReportView.Preset(
                label: "Last \(days) days",
                href: "\(page.path)?from=\(ReportRange.text(today - Int64(days) + 1))&to=\(ReportRange.text(today))"
                    + projectQuery)
        }
        let view = ReportView(
            title: page.title, summary: page.summary, path: page.path, from: range.fromText, to: range.toText,
            presets: presets, hasProjects: self.projects.count > 1,
            projects: self.projects.map { ReportView.ProjectOption(key: $0, selected: $0 == project) },
            notice: notice, sections: sections)
        return PageRenderer.page(
            title: page.title, page: page.rawValue, template: ReportTemplate.name, view: view, session: session)
    }

    static func sections(of page: ReportPage, _ context: ReportContext) throws -> [ReportSection] {
        switch page {
        case .overview: try OverviewReport.sections(context)
        case .performance: try PerformanceReport.sections(context)
        case .tickets: try TicketsReport.sections(context)
        case .authentication: try AuthenticationReport.sections(context)
        case .timeAndBilling: try TimeAndBillingReport.sections(context)
        }
    }
}
