/// A cohort's definition in words, for the dashboard: "performed ticket_created at least 3 times in the last
/// 30 days AND did not perform user_logged_in in the last 7 days".
enum CohortWording {
    static func describe(_ definition: Cohort.Definition) -> String {
        switch definition {
        case .staticList: "A static list of distinct ids, uploaded as CSV."
        case .behavioural(let criteria): Self.describe(criteria, nested: false)
        }
    }

    private static func describe(_ criteria: CohortCriteria, nested: Bool) -> String {
        switch criteria {
        case .all(let parts): Self.group(parts, joiner: " AND ", nested: nested)
        case .any(let parts): Self.group(parts, joiner: " OR ", nested: nested)
        case .event(let criterion): Self.describe(criterion)
        }
    }

    private static func group(_ parts: [CohortCriteria], joiner: String, nested: Bool) -> String {
        let text = parts.map { Self.describe($0, nested: true) }.joined(separator: joiner)
        return nested && parts.count > 1 ? "(\(text))" : text
    }

    static func describe(_ criterion: EventCriterion) -> String {
        let verb = criterion.negated ? "did not perform" : "performed"
        let times: String
        switch criterion.comparison {
        case .atLeast: times = criterion.count == 1 ? "" : " at least \(criterion.count) times"
        case .atMost: times = " at most \(criterion.count) times"
        case .exactly: times = " exactly \(criterion.count) times"
        }
        let unit = criterion.timeInterval == "week" ? "week" : "day"
        return
            "\(verb) \(criterion.event)\(times) in the last \(criterion.timeValue) \(unit)\(criterion.timeValue == 1 ? "" : "s")"
    }
}
