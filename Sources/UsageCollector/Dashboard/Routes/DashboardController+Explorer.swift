import Foundation
import Hummingbird

/// `/events`: the event explorer.
extension DashboardController {
    struct ExplorerView {
        let pageSize = EventExplorer.pageSize
        let eventNames: [String]
        let event, property, value, from, to: String
        let notice: String?
        let isEmpty: Bool
        let emptyMessage: String
        let count: Int
        let rows: [EventExplorer.Row]
    }

    func explorerPage(_ request: Request, session: DashboardSession) -> Response {
        let parameters = request.uri.queryParameters
        func parameter(_ name: String) -> String? {
            guard let raw = parameters[Substring(name)] else { return nil }
            let value = String(raw).trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { return nil }
            return String(value.prefix(200))
        }
        var explorer = EventExplorer(
            event: parameter("event"), property: parameter("property"), value: parameter("value"))
        var notices: [String] = []
        for (name, isEnd) in [("from", false), ("to", true)] {
            guard let text = parameter(name) else { continue }
            guard let day = ReportRange.day(text) else {
                notices.append("\(name) must be a date as yyyy-mm-dd; it was ignored.")
                continue
            }
            let instant = (isEnd ? day + 1 : day) * UTCCalendar.microsecondsPerDay
            if isEnd { explorer.to = instant } else { explorer.from = instant }
        }
        if parameter("value") != nil, explorer.property == nil {
            notices.append("A value filters only together with a property name.")
        }
        var rows: [EventExplorer.Row] = []
        var names: [String] = []
        if let project = self.projects.first {
            do {
                let columns = try self.engine.snapshot(project: project)
                let found = explorer.latest(columns)
                rows = found.rows
                if found.truncated {
                    notices.append(
                        "Only the latest \(EventExplorer.scanBudget) events were searched; narrow the filters.")
                }
                names = try EventDefinitionNames.names(self.engine, project: project)
            } catch {
                notices.append("The insights engine is still loading the stored events; reload in a few seconds.")
            }
        }
        let filtered = explorer.event != nil || explorer.property != nil || explorer.from != nil || explorer.to != nil
        let view = ExplorerView(
            eventNames: names, event: explorer.event ?? "", property: explorer.property ?? "",
            value: parameter("value") ?? "",
            from: parameter("from") ?? "", to: parameter("to") ?? "",
            notice: notices.isEmpty ? nil : notices.joined(separator: " "), isEmpty: rows.isEmpty,
            emptyMessage: filtered
                ? "No stored event matches these filters."
                : "No events are stored yet: send some to /batch/ or run psa simulate.",
            count: rows.count, rows: rows)
        return PageRenderer.page(
            title: "Event explorer", page: "events", template: ExplorerTemplate.name, view: view, session: session)
    }
}
