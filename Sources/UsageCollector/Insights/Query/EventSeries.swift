/// One `EventsNode`: a trend series, a funnel step, an exclusion or a retention entity.
struct EventSeries: Sendable {
    enum Math: Sendable, Equatable {
        case total, dau, weeklyActive, monthlyActive
        case property(PropertyMath)
    }

    enum PropertyMath: String, Sendable, CaseIterable {
        case sum, avg, min, max, median, p75, p90, p95, p99
    }

    /// The event name; nil matches every event.
    let event: String?
    let name: String?
    let customName: String?
    let math: Math
    /// The raw `math` name, echoed in the answer.
    let mathName: String
    let mathProperty: String?
    let predicate: PropertyPredicate

    /// Parses an `EventsNode` (and refuses other node kinds by name).
    init(_ value: JSONValue, path: String) throws(InsightQueryError) {
        let node = try QueryObject(value, path: path)
        let kind = try node.string("kind") ?? "EventsNode"
        guard kind == "EventsNode" else { throw InsightQueryError.unsupported(node.attr("kind"), kind) }
        try node.rejectPresent(["math_hogql", "math_group_type_index", "math_multiplier", "optionalInFunnel"])
        self.event = try node.string("event")
        self.name = try node.string("name")
        self.customName = try node.string("custom_name")
        let mathName = try node.string("math") ?? "total"
        self.mathName = mathName
        switch mathName {
        case "total": self.math = .total
        case "dau": self.math = .dau
        case "weekly_active": self.math = .weeklyActive
        case "monthly_active": self.math = .monthlyActive
        default:
            guard let propertyMath = PropertyMath(rawValue: mathName) else {
                throw InsightQueryError.unsupported(node.attr("math"), "math \(mathName)")
            }
            self.math = .property(propertyMath)
        }
        self.mathProperty = try node.string("math_property")
        if case .property = self.math, self.mathProperty?.isEmpty ?? true {
            throw InsightQueryError(node.attr("math_property"), "math \(mathName) needs a math_property")
        }
        let properties = try PropertyPredicate.parse(node.value("properties"), path: node.attr("properties"))
        let fixed = try PropertyPredicate.parse(node.value("fixedProperties"), path: node.attr("fixedProperties"))
        self.predicate = fixed.isAlways ? properties : .all([properties, fixed])
    }

    /// A series of a retention entity `{id, type: "events", properties?}`; a null id means every event.
    init(retentionEntity value: JSONValue, path: String) throws(InsightQueryError) {
        let entity = try QueryObject(value, path: path)
        let type = try entity.string("type") ?? "events"
        guard type == "events" else { throw InsightQueryError.unsupported(entity.attr("type"), "\(type) entities") }
        switch entity.value("id") {
        case .string(let name)?: self.event = name
        case nil: self.event = nil
        default: throw InsightQueryError(entity.attr("id"), "expected an event name or null")
        }
        self.name = try entity.string("name")
        self.customName = try entity.string("custom_name")
        self.math = .total
        self.mathName = "total"
        self.mathProperty = nil
        self.predicate = try PropertyPredicate.parse(entity.value("properties"), path: entity.attr("properties"))
    }

    /// The name shown for the series: its custom name, else its event, else "All events".
    var label: String { self.customName ?? self.name ?? self.event ?? "All events" }
}
