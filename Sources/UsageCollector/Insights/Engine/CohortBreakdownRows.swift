/// Labels the rows of one cohort's answer the way PostHog labels a cohort breakdown: `breakdown_value` is the
/// cohort id (0 for all users) and a trend series takes the cohort's name as its label.
enum CohortBreakdownRows {
    static func tagged(_ answer: JSONValue, of query: InsightQuery, cohort: Int, name: String) -> [JSONValue] {
        guard case .array(let items) = answer else { return [answer] }
        switch query {
        case .funnels(let funnel) where funnel.visualization == .steps:
            // A funnel answers one list of steps per breakdown value.
            return [.array(items.map { Self.tag($0, ["breakdown": .int(cohort), "breakdown_value": .int(cohort)]) })]
        case .trends:
            return items.map { Self.tag($0, ["breakdown_value": .int(cohort), "label": .string(name)]) }
        default:
            return items.map { Self.tag($0, ["breakdown_value": .int(cohort)]) }
        }
    }

    private static func tag(_ item: JSONValue, _ fields: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = item else { return item }
        members.merge(fields) { _, new in new }
        return .object(members)
    }
}
