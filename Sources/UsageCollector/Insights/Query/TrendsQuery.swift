/// PostHog's `TrendsQuery` restricted to event-level features.
struct TrendsQuery: Sendable {
    static let totalValueDisplays: Set<String> = [
        "BoldNumber", "ActionsPie", "ActionsBarValue", "ActionsTable", "WorldMap",
    ]

    let series: [EventSeries]
    let interval: Interval
    let dateRange: DateRange
    var predicate: PropertyPredicate
    let cohortBreakdown: CohortBreakdown?
    let breakdown: Breakdown?
    let compare: Bool
    /// Total-value displays answer one `aggregated_value` per series instead of a point per interval.
    let totalValue: Bool
    let cumulative: Bool

    init(_ node: QueryObject) throws(InsightQueryError) {
        self.series = try InsightQuery.series(node, range: 1...20)
        let intervalName = try node.string("interval") ?? "day"
        guard let interval = Interval(rawValue: intervalName) else {
            throw InsightQueryError.unsupported(node.attr("interval"), "interval \(intervalName)")
        }
        self.interval = interval
        self.dateRange = try DateRange.parse(
            node.object("dateRange"), defaultFrom: .relative(amount: 7, unit: "d", edge: nil))
        self.predicate = try PropertyPredicate.parse(node.value("properties"), path: node.attr("properties"))
        self.breakdown = try Breakdown.parse(node.object("breakdownFilter"))
        self.cohortBreakdown = try CohortBreakdown.parse(node.object("breakdownFilter"))
        if let compare = try node.object("compareFilter") {
            try compare.rejectPresent(["compare_to"])
            self.compare = try compare.bool("compare") ?? false
        } else {
            self.compare = false
        }
        let filter = try node.object("trendsFilter")
        try filter?.rejectPresent(["formula", "formulas", "formulaNodes"])
        let display = try filter?.string("display") ?? "ActionsLineGraph"
        self.totalValue = Self.totalValueDisplays.contains(display)
        self.cumulative = display == "ActionsLineGraphCumulative"
        if self.totalValue, self.series.contains(where: { $0.math == .weeklyActive || $0.math == .monthlyActive }) {
            throw InsightQueryError.unsupported(
                node.attr("trendsFilter.display"), "\(display) with weekly or monthly active math")
        }
    }
}
