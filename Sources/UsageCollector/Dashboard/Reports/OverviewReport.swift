/// Overview: events per day, the most frequent events, and active users (distinct ids) per day and week.
enum OverviewReport {
    static let topEventCount = 10
    /// Series per query (the engine's limit).
    static let seriesPerQuery = 20

    static func sections(_ context: ReportContext) throws -> [ReportSection] {
        let perDay = InsightRequest.trends([InsightRequest.series(nil)], range: context.range)
        let daily = InsightRequest.trends([InsightRequest.series(nil, math: "dau")], range: context.range)
        let weekly = InsightRequest.trends(
            [InsightRequest.series(nil, math: "dau")], range: context.range, interval: "week")
        return [
            SectionBuilder.daily(
                id: "events-per-day", title: "Events per day",
                explanation: "Every event the collector stored, counted by the UTC day it happened.",
                empty: "No events were stored in this range. Point the PSA at this collector (or run psa simulate) "
                    + "and choose a range that includes its traffic.",
                queries: [perDay], lines: try context.trend(perDay), names: ["Events"]),
            try Self.topEvents(context),
            SectionBuilder.daily(
                id: "active-per-day", title: "Active tenants per day",
                explanation:
                    "Distinct ids that sent at least one event on the day: the PSA sends one hashed id per tenant.",
                empty: "Nobody sent an event in this range.",
                queries: [daily], lines: try context.trend(daily), names: ["Active tenants"]),
            SectionBuilder.daily(
                id: "active-per-week", title: "Active tenants per week",
                explanation: "Distinct ids per week starting Sunday; the first and last weeks include days outside "
                    + "the chosen range.",
                empty: "Nobody sent an event in these weeks.",
                queries: [weekly], lines: try context.trend(weekly), names: ["Active tenants"], period: "Week"),
        ]
    }

    /// Counts every event name over the range (in queries of up to 20 series) and keeps the most frequent.
    static func topEvents(_ context: ReportContext) throws -> ReportSection {
        let names = try context.eventNames()
        var queries: [JSONValue] = []
        var totals: [(name: String, count: Double)] = []
        for start in stride(from: 0, to: names.count, by: Self.seriesPerQuery) {
            let chunk = Array(names[start..<min(names.count, start + Self.seriesPerQuery)])
            let query = InsightRequest.trends(
                chunk.map { InsightRequest.series($0) }, range: context.range, totals: true)
            queries.append(query)
            for line in try context.trend(query) where line.order < chunk.count {
                totals.append((chunk[line.order], line.total))
            }
        }
        let all = totals.reduce(0) { $0 + $1.count }
        let top = totals.filter { $0.count > 0 }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name
        }
        .prefix(Self.topEventCount)
        return SectionBuilder.bars(
            id: "top-events", title: "Top events",
            explanation: "The \(Self.topEventCount) most frequent events in the range, with their share of all events.",
            empty: "No events were stored in this range.", queries: queries,
            bars: top.map { BarChart.Bar(label: $0.name, value: $0.count) },
            columns: ["Event", "Count", "Share"],
            rows: top.map {
                DataTable.Row(header: $0.name, cells: [NumberText.exact($0.count), NumberText.percent($0.count / all)])
            })
    }
}
