/// One metric of an experiment in PostHog's `ExperimentMetric` shape:
///
/// ```json
/// {"kind": "ExperimentMetric", "name": "Replied", "metric_type": "funnel", "goal": "increase",
///  "series": [{"kind": "EventsNode", "event": "ticket_replied"}],
///  "conversion_window": 14, "conversion_window_unit": "day"}
/// {"kind": "ExperimentMetric", "metric_type": "mean",
///  "source": {"kind": "EventsNode", "event": "ticket_search", "math": "sum", "math_property": "result_count"}}
/// ```
///
/// A funnel's steps follow the exposure; a unit converts when it completes them in order, each at or after
/// the previous one, the last within the conversion window (default 14 days) of its first exposure. A mean is
/// the count of matching events per exposed unit from its first exposure (within `conversion_window` when one
/// is given), or with `math: "sum"` the sum of `math_property` over them.
public struct ExperimentMetric: Sendable {
    enum Measure: Sendable {
        case funnel([EventSeries])
        case mean(EventSeries)
    }

    static let maximumSteps = 10
    static let defaultConversionWindow: Int64 = 14 * 86_400 * 1_000_000

    /// The metric as it was given, echoed by the API and stored.
    let json: JSONValue
    let name: String?
    let measure: Measure
    let goal: MetricGoal
    /// Microseconds after the first exposure within which events count; `nil` (a mean without
    /// `conversion_window`) counts them until the experiment ends.
    let conversionWindow: Int64?

    /// Parses and validates a metric; errors name the field under `path`.
    init(json: JSONValue, path: String) throws(ExperimentDefinitionError) {
        do throws(InsightQueryError) {
            let object = try QueryObject(json, path: path)
            let kind = try object.string("kind") ?? "ExperimentMetric"
            guard kind == "ExperimentMetric" else {
                throw InsightQueryError(object.attr("kind"), "expected ExperimentMetric, not \(kind)")
            }
            self.name = try object.string("name")
            self.goal = MetricGoal(rawValue: try object.choice("goal", ["increase", "decrease"]) ?? "increase")!
            switch try object.choice("metric_type", ["funnel", "mean"]) {
            case "funnel":
                guard let steps = try object.array("series", maxCount: Self.maximumSteps), !steps.isEmpty else {
                    throw InsightQueryError(object.attr("series"), "a funnel metric needs 1 to 10 EventsNode steps")
                }
                self.measure = .funnel(
                    try steps.enumerated().map { index, step throws(InsightQueryError) in
                        try Self.series(step, path: object.attr("series.\(index)"), allowMath: false)
                    })
            case "mean":
                guard let source = object.value("source") else {
                    throw InsightQueryError(object.attr("source"), "a mean metric needs an EventsNode source")
                }
                self.measure = .mean(try Self.series(source, path: object.attr("source"), allowMath: true))
            default:
                throw InsightQueryError(object.attr("metric_type"), "required: funnel or mean")
            }
            if case .funnel = self.measure {
                self.conversionWindow = try Self.window(object, funnel: true)
            } else {
                self.conversionWindow = try Self.window(object, funnel: false)
            }
            self.json = json
        } catch {
            throw ExperimentDefinitionError(error)
        }
    }

    private static func series(_ json: JSONValue, path: String, allowMath: Bool) throws(InsightQueryError)
        -> EventSeries
    {
        let series = try EventSeries(json, path: path)
        switch series.math {
        case .total: break
        case .property(.sum) where allowMath: break
        default:
            let reason =
                allowMath ? "a mean counts events (total) or sums a property (sum)" : "funnel steps take no math"
            throw InsightQueryError("\(path).math", "\(series.mathName): \(reason)")
        }
        return series
    }

    private static func window(_ object: QueryObject, funnel: Bool) throws(InsightQueryError) -> Int64? {
        guard let amount = try object.integer("conversion_window", in: 1...100_000) else {
            return funnel ? Self.defaultConversionWindow : nil
        }
        let units: [String: Int64] = ["second": 1, "minute": 60, "hour": 3_600, "day": 86_400, "week": 604_800]
        let unit = try object.choice("conversion_window_unit", ["second", "minute", "hour", "day", "week"]) ?? "day"
        return Int64(amount) * units[unit]! * 1_000_000
    }

    /// The label shown for the metric.
    var label: String {
        if let name, !name.isEmpty { return name }
        switch self.measure {
        case .funnel(let steps): return steps.map(\.label).joined(separator: " → ")
        case .mean(let source):
            if case .property = source.math { return "Sum of \(source.mathProperty ?? "") per \(source.label)" }
            return "\(source.label) per unit"
        }
    }

    var type: String {
        if case .funnel = self.measure { return "funnel" }
        return "mean"
    }
}
