/// A release condition on cohort membership, PostHog's `{"key": "id", "type": "cohort", "value": 12}`
/// (`"operator": "not_in"` for "not a member").
///
/// Only the collector knows who is in a cohort: in local evaluation a condition with a cohort filter cannot
/// decide, and ``FlagDefinitions`` lists such flags as remote-only so that an SDK asks `/flags`.
public struct CohortFilter: Sendable, Hashable {
    /// The cohort's id in the collector.
    public var cohortID: Int
    /// Matches people who are not members.
    public var negated: Bool

    /// A cohort filter.
    public init(cohortID: Int, negated: Bool = false) {
        self.cohortID = cohortID
        self.negated = negated
    }

    /// Whether a person matches, given whether they are a member; `nil` membership cannot decide.
    public func match(isMember: Bool?) -> FilterMatch {
        guard let isMember else { return .inconclusive }
        return isMember != negated ? .match : .noMatch
    }
}
