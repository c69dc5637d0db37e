/// An event-property breakdown: the property key and how many values keep their own row.
struct Breakdown: Sendable {
    static let nullLabel = "$$_posthog_breakdown_null_$$"
    static let otherLabel = "$$_posthog_breakdown_other_$$"
    static let defaultLimit = 25

    let property: String
    let limit: Int
    let hideOther: Bool

    /// Parses `breakdownFilter`; nil when it asks for no breakdown.
    static func parse(_ object: QueryObject?) throws(InsightQueryError) -> Breakdown? {
        guard let object else { return nil }
        try object.rejectPresent([
            "breakdown_histogram_bin_count", "breakdown_normalize_url", "breakdown_group_type_index",
        ])
        let limit = try object.integer("breakdown_limit", in: 1...1000) ?? Self.defaultLimit
        let hideOther = try object.bool("breakdown_hide_other_aggregation") ?? false
        if let list = try object.array("breakdowns", maxCount: 3), !list.isEmpty {
            guard list.count == 1 else {
                throw InsightQueryError.unsupported(object.attr("breakdowns"), "more than one breakdown")
            }
            let entry = try QueryObject(list[0], path: object.attr("breakdowns.0"))
            let type = try entry.string("type") ?? "event"
            guard type == "event" else { throw InsightQueryError.unsupported(entry.attr("type"), "\(type) breakdowns") }
            try entry.rejectPresent(["histogram_bin_count", "normalize_url", "group_type_index"])
            guard let property = try entry.string("property"), !property.isEmpty else {
                throw InsightQueryError(entry.attr("property"), "a breakdown needs a property")
            }
            return Breakdown(property: property, limit: limit, hideOther: hideOther)
        }
        let type = try object.string("breakdown_type") ?? "event"
        // Cohort breakdowns are ``CohortBreakdown``s.
        if type == "cohort" { return nil }
        let property: String
        switch object.value("breakdown") {
        case nil: return nil
        case .string(let key)?: property = key
        case .array(let keys)? where keys.count == 1:
            guard case .string(let key) = keys[0] else {
                throw InsightQueryError(object.attr("breakdown"), "expected a property name")
            }
            property = key
        default: throw InsightQueryError(object.attr("breakdown"), "expected one event property name")
        }
        guard type == "event" else {
            throw InsightQueryError.unsupported(object.attr("breakdown_type"), "\(type) breakdowns")
        }
        guard !property.isEmpty else { throw InsightQueryError(object.attr("breakdown"), "expected a property name") }
        return Breakdown(property: property, limit: limit, hideOther: hideOther)
    }
}
