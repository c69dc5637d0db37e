/// Builds the PostHog query JSON the reports run, so that each page can show exactly what it asked.
enum InsightRequest {
    /// An `EventsNode`.
    static func series(
        _ event: String?, math: String = "total", property: String? = nil, name: String? = nil,
        filters: [JSONValue] = []
    ) -> JSONValue {
        var fields: [String: JSONValue] = ["kind": .string("EventsNode"), "math": .string(math)]
        fields["event"] = event.map(JSONValue.string) ?? .null
        if let property { fields["math_property"] = .string(property) }
        if let name { fields["custom_name"] = .string(name) }
        if !filters.isEmpty { fields["properties"] = .array(filters) }
        return .object(fields)
    }

    /// An event property filter `{key, operator, value, type: "event"}`.
    static func filter(_ key: String, _ comparison: String, _ value: JSONValue) -> JSONValue {
        .object(["key": .string(key), "operator": .string(comparison), "value": value, "type": .string("event")])
    }

    /// A `TrendsQuery`; `totals` asks for one aggregated value per series over the range (a table display).
    static func trends(
        _ series: [JSONValue], range: ReportRange, interval: String = "day", breakdown: String? = nil,
        breakdownLimit: Int? = nil, totals: Bool = false
    ) -> JSONValue {
        var fields: [String: JSONValue] = [
            "kind": .string("TrendsQuery"), "series": .array(series), "interval": .string(interval),
            "dateRange": range.dateRange,
        ]
        if let breakdown {
            var filter: [String: JSONValue] = ["breakdown": .string(breakdown), "breakdown_type": .string("event")]
            if let breakdownLimit { filter["breakdown_limit"] = .int(breakdownLimit) }
            fields["breakdownFilter"] = .object(filter)
        }
        if totals { fields["trendsFilter"] = .object(["display": .string("ActionsTable")]) }
        return .object(fields)
    }
}
