/// Tickets, from `ticket_created`, `ticket_resolved` (`time_to_resolution_minutes`, `priority`),
/// `ticket_assigned` (`time_to_first_assignment_minutes`) and `ticket_searched` (`result_count`, `duration_ms`).
enum TicketsReport {
    static func sections(_ context: ReportContext) throws -> [ReportSection] {
        let flow = InsightRequest.trends(
            [InsightRequest.series("ticket_created"), InsightRequest.series("ticket_resolved")], range: context.range)
        let assignment = InsightRequest.trends(
            [
                InsightRequest.series("ticket_assigned", math: "median", property: "time_to_first_assignment_minutes"),
                InsightRequest.series("ticket_assigned", math: "p90", property: "time_to_first_assignment_minutes"),
            ], range: context.range)
        let searchDuration = InsightRequest.trends(
            [
                InsightRequest.series("ticket_searched", math: "median", property: "duration_ms"),
                InsightRequest.series("ticket_searched", math: "p90", property: "duration_ms"),
            ], range: context.range)
        return [
            SectionBuilder.daily(
                id: "created-resolved", title: "Tickets created and resolved",
                explanation: "Tickets opened (ticket_created) and closed (ticket_resolved) per UTC day.",
                empty: "No ticket was created or resolved in this range.",
                queries: [flow], lines: try context.trend(flow), names: ["Created", "Resolved"]),
            try Self.resolutionTime(context),
            SectionBuilder.daily(
                id: "assignment-latency", title: "Time to first assignment (minutes)",
                explanation: "Minutes from a ticket's creation to its first assignee, median and p90 per day.",
                empty: "No ticket received its first assignee in this range.",
                queries: [assignment], lines: try context.trend(assignment), names: ["Median", "p90"]),
            try Self.searches(context),
            SectionBuilder.daily(
                id: "search-duration", title: "Search duration (ms)",
                explanation: "How long ticket searches took, median and p90 per day.",
                empty: "Nobody searched tickets in this range.",
                queries: [searchDuration], lines: try context.trend(searchDuration), names: ["Median", "p90"]),
        ]
    }

    /// The distribution of `time_to_resolution_minutes` as quantiles, and the median per priority.
    static func resolutionTime(_ context: ReportContext) throws -> ReportSection {
        let quantiles = ["median", "p75", "p90", "p99"]
        let overall = InsightRequest.trends(
            quantiles.map {
                InsightRequest.series("ticket_resolved", math: $0, property: "time_to_resolution_minutes")
            },
            range: context.range, totals: true)
        let byPriority = InsightRequest.trends(
            [
                InsightRequest.series("ticket_resolved"),
                InsightRequest.series("ticket_resolved", math: "median", property: "time_to_resolution_minutes"),
                InsightRequest.series("ticket_resolved", math: "p90", property: "time_to_resolution_minutes"),
            ], range: context.range, breakdown: "priority", totals: true)
        let values = try context.trend(overall).sorted { $0.order < $1.order }.map(\.total)
        let priorities = BreakdownTable(lines: try context.trend(byPriority), seriesCount: 3)
        let names = ["p50", "p75", "p90", "p99"]
        return SectionBuilder.bars(
            id: "resolution-time", title: "Time to resolution (minutes)",
            explanation: "How long resolved tickets were open: quantiles over all resolutions in the range, then the "
                + "count, median and p90 per priority.",
            empty: "No ticket was resolved in this range.", queries: [overall, byPriority],
            bars: zip(names, values).map { BarChart.Bar(label: $0, value: $1) }, unit: " min",
            columns: ["Priority", "Resolved", "Median (min)", "p90 (min)"],
            rows: priorities.rows(priorities.ranked(bySeries: 0)))
    }

    static func searches(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends(
            [
                InsightRequest.series("ticket_searched"),
                InsightRequest.series(
                    "ticket_searched", name: "Zero results",
                    filters: [InsightRequest.filter("result_count", "lt", .int(1))]),
            ], range: context.range)
        let share = DailyShare(try context.trend(query))
        let data = ChartData(
            labels: share.days,
            series: [
                ChartSeries(name: "Searches", values: share.whole),
                ChartSeries(name: "Zero results", values: share.part),
            ])
        return SectionBuilder.section(
            id: "searches", title: "Ticket searches",
            explanation: "Searches per day and those that found nothing (result_count 0), with the zero-result rate.",
            empty: "Nobody searched tickets in this range.", queries: [query], isEmpty: data.isEmpty,
            chart: { LineChart(title: "Ticket searches", data: data).svg() },
            table: share.table(
                caption: "Searches per day", columns: ["Day", "Searches", "Zero results", "Zero-result rate"]))
    }
}
