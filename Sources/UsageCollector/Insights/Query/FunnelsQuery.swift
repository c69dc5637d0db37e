/// PostHog's `FunnelsQuery`: steps, order, conversion window, exclusions and breakdown attribution.
struct FunnelsQuery: Sendable {
    enum Order: String, Sendable { case ordered, strict, unordered }
    enum Visualization: String, Sendable { case steps, timeToConvert = "time_to_convert", trends }
    enum Attribution: Sendable, Equatable { case firstTouch, lastTouch, allEvents, step(Int) }

    struct Exclusion: Sendable {
        let series: EventSeries
        /// 0-based steps; the exclusion applies between them.
        let fromStep: Int
        let toStep: Int
    }

    static let windowUnits: [String: Int64] = [
        "second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 7 * 86_400, "month": 31 * 86_400,
    ]

    let steps: [EventSeries]
    let order: Order
    let visualization: Visualization
    /// The entry periods of a funnel trend (PostHog's `interval`, default day).
    let interval: Interval
    /// The conversion window in microseconds.
    let window: Int64
    let exclusions: [Exclusion]
    let dateRange: DateRange
    var predicate: PropertyPredicate
    let cohortBreakdown: CohortBreakdown?
    let breakdown: Breakdown?
    let attribution: Attribution
    /// `funnelFromStep`/`funnelToStep` of a time-to-convert histogram (0-based).
    let fromStep: Int
    let toStep: Int
    let binCount: Int?

    init(_ node: QueryObject) throws(InsightQueryError) {
        self.steps = try InsightQuery.series(node, range: 1...20)
        for (index, step) in self.steps.enumerated() where step.math != .total {
            throw InsightQueryError.unsupported(node.attr("series.\(index).math"), "math on a funnel step")
        }
        let filter = try node.object("funnelsFilter") ?? QueryObject.empty(path: node.attr("funnelsFilter"))
        try filter.rejectPresent(["funnelAggregateByHogQL"])
        let order = try filter.choice("funnelOrderType", ["ordered", "strict", "unordered"]) ?? "ordered"
        self.order = Order(rawValue: order)!
        let viz = try filter.choice("funnelVizType", ["steps", "time_to_convert", "trends"]) ?? "steps"
        self.visualization = Visualization(rawValue: viz)!
        if self.visualization == .trends && self.steps.count < 2 {
            throw InsightQueryError(node.attr("series"), "a funnel trend needs at least two steps")
        }
        let intervalName = try node.string("interval") ?? "day"
        guard let interval = Interval(rawValue: intervalName) else {
            throw InsightQueryError.unsupported(node.attr("interval"), "interval \(intervalName)")
        }
        self.interval = interval
        let amount = try filter.integer("funnelWindowInterval", in: 1...100_000) ?? 14
        let unit = try filter.choice("funnelWindowIntervalUnit", Array(Self.windowUnits.keys).sorted()) ?? "day"
        guard Int64(amount) * Self.windowUnits[unit]! <= 3 * 366 * 86_400 else {
            throw InsightQueryError(filter.attr("funnelWindowInterval"), "the window is longer than three years")
        }
        self.window = Int64(amount) * Self.windowUnits[unit]! * UTCCalendar.microsecondsPerSecond
        self.dateRange = try DateRange.parse(
            node.object("dateRange"), defaultFrom: .relative(amount: 7, unit: "d", edge: nil))
        self.predicate = try PropertyPredicate.parse(node.value("properties"), path: node.attr("properties"))
        self.breakdown = try Breakdown.parse(node.object("breakdownFilter"))
        self.cohortBreakdown = try CohortBreakdown.parse(node.object("breakdownFilter"))
        if self.cohortBreakdown != nil && self.visualization == .timeToConvert {
            throw InsightQueryError.unsupported(node.attr("breakdownFilter"), "a cohort breakdown of time to convert")
        }
        self.exclusions = try Self.exclusions(filter, steps: self.steps, unordered: self.order == .unordered)
        self.attribution = try Self.attribution(filter, stepCount: self.steps.count)
        // PostHog's unordered funnel can only attribute a breakdown to the first step (`funnel_udf.py`).
        if self.order == .unordered, case .step(let step) = self.attribution, step != 0 {
            throw InsightQueryError(
                filter.attr("breakdownAttributionValue"), "an unordered funnel attributes breakdowns to step 0 only")
        }
        let last = self.steps.count - 1
        self.fromStep = try filter.integer("funnelFromStep", in: 0...last) ?? 0
        self.toStep = try filter.integer("funnelToStep", in: 0...last) ?? last
        guard self.fromStep < self.toStep || self.steps.count == 1 else {
            throw InsightQueryError(filter.attr("funnelToStep"), "must be after funnelFromStep")
        }
        self.binCount = try filter.integer("binCount", in: 1...90)
    }

    private static func exclusions(
        _ filter: QueryObject, steps: [EventSeries], unordered: Bool
    ) throws(InsightQueryError) -> [Exclusion] {
        var exclusions: [Exclusion] = []
        for (index, item) in (try filter.array("exclusions", maxCount: 20) ?? []).enumerated() {
            let path = filter.attr("exclusions.\(index)")
            let series = try EventSeries(item, path: path)
            let object = try QueryObject(item, path: path)
            let from = try object.integer("funnelFromStep", in: 0...(steps.count - 1)) ?? 0
            let to = try object.integer("funnelToStep", in: 0...(steps.count - 1)) ?? steps.count - 1
            guard from < to else {
                throw InsightQueryError(object.attr("funnelToStep"), "must be after funnelFromStep")
            }
            // PostHog refuses partial exclusions in unordered funnels: any exclusion clears every step.
            if unordered && (from != 0 || to != steps.count - 1) {
                throw InsightQueryError(
                    object.attr(from != 0 ? "funnelFromStep" : "funnelToStep"),
                    "an unordered funnel only takes exclusions from the first step to the last")
            }
            if steps[from...to].contains(where: { $0.event == series.event || $0.event == nil || series.event == nil })
            {
                throw InsightQueryError(object.attr("event"), "an exclusion cannot be one of the funnel's steps")
            }
            exclusions.append(Exclusion(series: series, fromStep: from, toStep: to))
        }
        return exclusions
    }

    private static func attribution(_ filter: QueryObject, stepCount: Int) throws(InsightQueryError) -> Attribution {
        let name = try filter.choice("breakdownAttributionType", ["first_touch", "last_touch", "all_events", "step"])
        switch name ?? "first_touch" {
        case "last_touch": return .lastTouch
        case "all_events": return .allEvents
        case "step":
            let step = try filter.integer("breakdownAttributionValue", in: 0...(stepCount - 1)) ?? 0
            return .step(step)
        default: return .firstTouch
        }
    }
}
