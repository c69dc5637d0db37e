/// PostHog's cohort `filters` JSON:
///
/// ```json
/// {"properties": {"type": "OR", "values": [{"type": "AND", "values": [
///   {"type": "behavioral", "key": "ticket_created", "value": "performed_event_multiple", "event_type": "events",
///    "operator": "gte", "operator_value": 3, "time_value": 30, "time_interval": "day", "negation": false}]}]}}
/// ```
///
/// `value` is `performed_event` (at least once) or `performed_event_multiple` (with `operator` `gte`, `lte` or
/// `exact` and `operator_value`); `negation: true` makes it "did not". Errors name the field.
extension CohortCriteria {
    /// The most event criteria and the deepest nesting one cohort may have.
    static let maxCriteria = 50
    static let maxDepth = 4
    static let maxEventNameLength = 400
    static let maxDays = 3650

    /// Parses `filters`.
    public init(filters value: JSONValue, path: String = "filters") throws(InsightQueryError) {
        let filters = try QueryObject(value, path: path)
        guard let properties = filters.value("properties") else {
            throw InsightQueryError(filters.attr("properties"), "a behavioural cohort needs criteria")
        }
        self = try Self.parse(properties, path: filters.attr("properties"), depth: 0)
        guard !self.criteria.isEmpty else {
            throw InsightQueryError(filters.attr("properties"), "a behavioural cohort needs at least one criterion")
        }
        guard self.criteria.count <= Self.maxCriteria else {
            throw InsightQueryError(filters.attr("properties"), "holds more than \(Self.maxCriteria) criteria")
        }
    }

    private static func parse(_ value: JSONValue, path: String, depth: Int) throws(InsightQueryError) -> CohortCriteria
    {
        guard depth <= Self.maxDepth else { throw InsightQueryError(path, "groups are nested too deeply") }
        let object = try QueryObject(value, path: path)
        let type = try object.string("type")
        switch type {
        case "AND", "OR":
            let items = try object.array("values", maxCount: Self.maxCriteria) ?? []
            var parts: [CohortCriteria] = []
            for (index, item) in items.enumerated() {
                parts.append(try Self.parse(item, path: object.attr("values.\(index)"), depth: depth + 1))
            }
            return type == "AND" ? .all(parts) : .any(parts)
        case "behavioral":
            return .event(try EventCriterion(object))
        default:
            throw InsightQueryError.unsupported(object.attr("type"), "\(type ?? "an untyped") cohort criterion")
        }
    }

    /// The criteria as PostHog's `filters`.
    public var filtersJSON: JSONValue { .object(["properties": self.json]) }

    private var json: JSONValue {
        switch self {
        case .all(let parts): .object(["type": .string("AND"), "values": .array(parts.map(\.json))])
        case .any(let parts): .object(["type": .string("OR"), "values": .array(parts.map(\.json))])
        case .event(let criterion): criterion.json
        }
    }
}

extension EventCriterion {
    init(_ object: QueryObject) throws(InsightQueryError) {
        guard let event = try object.string("key"), !event.isEmpty else {
            throw InsightQueryError(object.attr("key"), "an event criterion needs an event name")
        }
        guard event.utf8.count <= CohortCriteria.maxEventNameLength else {
            throw InsightQueryError(object.attr("key"), "is longer than \(CohortCriteria.maxEventNameLength) bytes")
        }
        if let eventType = try object.string("event_type"), eventType != "events" {
            throw InsightQueryError.unsupported(object.attr("event_type"), eventType)
        }
        let kind = try object.choice("value", ["performed_event", "performed_event_multiple"]) ?? "performed_event"
        if kind == "performed_event_multiple" {
            let name = try object.choice("operator", Comparison.allCases.map(\.rawValue)) ?? "gte"
            self.comparison = Comparison(rawValue: name)!
            guard let count = try object.integer("operator_value", in: 0...1_000_000) else {
                throw InsightQueryError(object.attr("operator_value"), "performed_event_multiple needs a count")
            }
            self.count = count
        } else {
            self.comparison = .atLeast
            self.count = 1
        }
        let interval = try object.choice("time_interval", Self.intervalDays.keys.sorted()) ?? "day"
        guard let amount = try object.integer("time_value", in: 1...CohortCriteria.maxDays) else {
            throw InsightQueryError(object.attr("time_value"), "is required: the window is the last time_value days")
        }
        guard amount * Self.intervalDays[interval]! <= CohortCriteria.maxDays else {
            throw InsightQueryError(
                object.attr("time_value"), "the window is longer than \(CohortCriteria.maxDays) days")
        }
        self.event = event
        self.timeValue = amount
        self.timeInterval = interval
        self.negated = try object.bool("negation") ?? false
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "type": .string("behavioral"), "key": .string(self.event), "event_type": .string("events"),
            "time_value": .int(self.timeValue), "time_interval": .string(self.timeInterval),
            "negation": .bool(self.negated),
        ]
        if self.comparison == .atLeast && self.count == 1 {
            fields["value"] = .string("performed_event")
        } else {
            fields["value"] = .string("performed_event_multiple")
            fields["operator"] = .string(self.comparison.rawValue)
            fields["operator_value"] = .int(self.count)
        }
        return .object(fields)
    }
}
