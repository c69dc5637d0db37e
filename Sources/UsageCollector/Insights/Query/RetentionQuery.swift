/// PostHog's `RetentionQuery`: a cohort table of persons who did the target event and came back.
struct RetentionQuery: Sendable {
    enum Kind: String, Sendable {
        case recurring = "retention_recurring"
        case firstTime = "retention_first_time"
    }

    let target: EventSeries
    let returning: EventSeries
    let period: Interval
    let totalIntervals: Int
    let kind: Kind
    /// "On or after": a person counts in period j when they came back in j or any later period.
    let cumulative: Bool
    let dateRange: DateRange
    var predicate: PropertyPredicate
    let cohortBreakdown: CohortBreakdown?

    init(_ node: QueryObject) throws(InsightQueryError) {
        let filter = try node.object("retentionFilter") ?? QueryObject.empty(path: node.attr("retentionFilter"))
        let pageview = JSONValue.object(["id": .string("$pageview"), "type": .string("events")])
        self.target = try EventSeries(
            retentionEntity: filter.value("targetEntity") ?? pageview, path: filter.attr("targetEntity"))
        self.returning = try EventSeries(
            retentionEntity: filter.value("returningEntity") ?? pageview, path: filter.attr("returningEntity"))
        let periodName = try filter.choice("period", ["Hour", "Day", "Week", "Month"]) ?? "Day"
        self.period = Interval(name: periodName)!
        self.totalIntervals = try filter.integer("totalIntervals", in: 1...500) ?? 8
        let kindName = try filter.choice(
            "retentionType", ["retention_recurring", "retention_first_time", "retention_first_ever_occurrence"])
        guard let kind = Kind(rawValue: kindName ?? "retention_recurring") else {
            throw InsightQueryError.unsupported(filter.attr("retentionType"), kindName ?? "")
        }
        self.kind = kind
        self.cumulative = try filter.bool("cumulative") ?? false
        if let occurrences = try filter.integer("minimumOccurrences", in: 1...1000), occurrences > 1 {
            throw InsightQueryError.unsupported(filter.attr("minimumOccurrences"), "minimumOccurrences above 1")
        }
        if let mode = try filter.string("timeWindowMode"), mode != "strict_calendar_dates" {
            throw InsightQueryError.unsupported(filter.attr("timeWindowMode"), mode)
        }
        if let aggregation = try filter.string("aggregationType"), aggregation != "count" {
            throw InsightQueryError.unsupported(filter.attr("aggregationType"), "aggregationType \(aggregation)")
        }
        if try Breakdown.parse(node.object("breakdownFilter")) != nil {
            throw InsightQueryError.unsupported(node.attr("breakdownFilter"), "a retention breakdown")
        }
        self.cohortBreakdown = try CohortBreakdown.parse(node.object("breakdownFilter"))
        self.dateRange = try DateRange.parse(node.object("dateRange"), defaultFrom: .now)
        self.predicate = try PropertyPredicate.parse(node.value("properties"), path: node.attr("properties"))
    }
}
