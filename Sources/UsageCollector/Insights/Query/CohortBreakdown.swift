/// PostHog's cohort breakdown: `breakdownFilter: {"breakdown_type": "cohort", "breakdown": [ids]}`. Each id
/// gives one row of the answer over the cohort's members; 0 (or `"all"`) is PostHog's "all users".
struct CohortBreakdown: Sendable, Equatable {
    /// The most cohorts one breakdown may name (PostHog's default breakdown limit).
    static let maxCohorts = Breakdown.defaultLimit

    let cohorts: [Int]

    /// The cohort breakdown of `breakdownFilter`, or nil when it asks for another kind or none.
    static func parse(_ object: QueryObject?) throws(InsightQueryError) -> CohortBreakdown? {
        guard let object, try object.string("breakdown_type") == "cohort" else { return nil }
        let values: [JSONValue]
        switch object.value("breakdown") {
        case .array(let items)?: values = items
        case let single?: values = [single]
        case nil: throw InsightQueryError(object.attr("breakdown"), "a cohort breakdown needs cohort ids")
        }
        guard !values.isEmpty, values.count <= Self.maxCohorts else {
            throw InsightQueryError(object.attr("breakdown"), "expected 1 to \(Self.maxCohorts) cohort ids")
        }
        var cohorts: [Int] = []
        for (index, value) in values.enumerated() {
            let id = try PropertyPredicate.cohortID(value, attr: object.attr("breakdown.\(index)"), allUsers: true)
            if !cohorts.contains(id) { cohorts.append(id) }
        }
        return CohortBreakdown(cohorts: cohorts)
    }
}
