/// API performance, from `api_request` (`endpoint`, `status`, `duration_ms`, `is_slow`) and `slow_operation`
/// (`operation`, `duration_ms`).
enum PerformanceReport {
    static func sections(_ context: ReportContext) throws -> [ReportSection] {
        [
            try Self.requestRate(context), try Self.latency(context), try Self.errorRate(context),
            try Self.slowRequests(context), try Self.slowOperations(context),
        ]
    }

    static let noRequests =
        "No api_request events in this range: the PSA sends one per API request when analytics is on."

    static func requestRate(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends([InsightRequest.series("api_request")], range: context.range)
        return SectionBuilder.daily(
            id: "request-rate", title: "Requests per day",
            explanation: "API requests the PSA answered, per UTC day.",
            empty: Self.noRequests, queries: [query], lines: try context.trend(query), names: ["Requests"])
    }

    /// p50, p90 and p99 of `duration_ms` per route template, slowest p90 first.
    static func latency(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends(
            [
                InsightRequest.series("api_request", math: "median", property: "duration_ms"),
                InsightRequest.series("api_request", math: "p90", property: "duration_ms"),
                InsightRequest.series("api_request", math: "p99", property: "duration_ms"),
                InsightRequest.series("api_request"),
            ], range: context.range, breakdown: "endpoint", breakdownLimit: 25, totals: true)
        return SectionBuilder.breakdown(
            id: "latency", title: "Latency per route (p90, ms)",
            explanation: "Time to the response head, per route template: median (p50), p90 and p99 in milliseconds.",
            empty: Self.noRequests, queries: [query],
            table: BreakdownTable(lines: try context.trend(query), seriesCount: 4), rankedBy: 1, barSeries: 1,
            unit: " ms",
            columns: ["Route", "p50 (ms)", "p90 (ms)", "p99 (ms)", "Requests"])
    }

    static func errorRate(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends(
            [
                InsightRequest.series("api_request"),
                InsightRequest.series(
                    "api_request", name: "Errors", filters: [InsightRequest.filter("status", "gte", .int(400))]),
            ], range: context.range)
        let share = DailyShare(try context.trend(query))
        let data = ChartData(
            labels: share.days,
            series: [ChartSeries(name: "Error rate (%)", values: share.shares.map { ($0 ?? 0) * 100 })])
        return SectionBuilder.section(
            id: "error-rate", title: "Error rate per day",
            explanation: "The share of API requests answered with a status of 400 or more.",
            empty: share.whole.allSatisfy({ $0 == 0 }) ? Self.noRequests : "No request failed in this range.",
            queries: [query], isEmpty: share.part.allSatisfy { $0 == 0 },
            chart: { LineChart(title: "Error rate per day (%)", data: data).svg() },
            table: share.table(
                caption: "Requests and errors per day", columns: ["Day", "Requests", "Errors", "Error rate"]))
    }

    static func slowRequests(_ context: ReportContext) throws -> ReportSection {
        let slow = [InsightRequest.filter("is_slow", "exact", .bool(true))]
        let query = InsightRequest.trends(
            [
                InsightRequest.series("api_request", filters: slow),
                InsightRequest.series("api_request", math: "max", property: "duration_ms", filters: slow),
            ], range: context.range, breakdown: "endpoint", totals: true)
        return SectionBuilder.breakdown(
            id: "slow-requests", title: "Slow requests per route",
            explanation: "API requests over the PSA's slow-request threshold (1000 ms), per route template.",
            empty: "No request was slow in this range.", queries: [query],
            table: BreakdownTable(lines: try context.trend(query), seriesCount: 2), rankedBy: 0, barSeries: 0,
            columns: ["Route", "Slow requests", "Slowest (ms)"])
    }

    static func slowOperations(_ context: ReportContext) throws -> ReportSection {
        let query = InsightRequest.trends(
            [
                InsightRequest.series("slow_operation"),
                InsightRequest.series("slow_operation", math: "median", property: "duration_ms"),
                InsightRequest.series("slow_operation", math: "max", property: "duration_ms"),
            ], range: context.range, breakdown: "operation", totals: true)
        return SectionBuilder.breakdown(
            id: "slow-operations", title: "Slow operations",
            explanation: "Operations (database work, hashing, mail) that exceeded their threshold, by name.",
            empty: "No operation exceeded its threshold in this range.", queries: [query],
            table: BreakdownTable(lines: try context.trend(query), seriesCount: 3), rankedBy: 0, barSeries: 0,
            columns: ["Operation", "Times", "Median (ms)", "Slowest (ms)"])
    }
}
