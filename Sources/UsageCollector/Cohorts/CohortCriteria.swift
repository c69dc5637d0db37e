/// A behavioural cohort's rule: persons who did, or did not, perform events a number of times within the last
/// days, combined with AND and OR groups (PostHog's `filters.properties` of `behavioral` filters).
public indirect enum CohortCriteria: Sendable, Hashable {
    /// Every part holds.
    case all([CohortCriteria])
    /// At least one part holds.
    case any([CohortCriteria])
    /// One event criterion.
    case event(EventCriterion)

    /// The event criteria, depth first.
    public var criteria: [EventCriterion] {
        switch self {
        case .all(let parts), .any(let parts): parts.flatMap(\.criteria)
        case .event(let criterion): [criterion]
        }
    }

    /// Whether a person whose count for criterion `i` (in ``criteria`` order) is `counts(i)` is a member.
    func holds(_ counts: (Int) -> Int) -> Bool {
        var next = 0
        return self.holds(counts, next: &next)
    }

    private func holds(_ counts: (Int) -> Int, next: inout Int) -> Bool {
        switch self {
        case .all(let parts):
            // Every part is visited so that criterion indexes stay in step.
            var result = true
            for part in parts where !part.holds(counts, next: &next) { result = false }
            return result
        case .any(let parts):
            var result = false
            for part in parts where part.holds(counts, next: &next) { result = true }
            return result
        case .event(let criterion):
            defer { next += 1 }
            return criterion.holds(count: counts(next))
        }
    }
}

/// "Performed event E at least (at most, exactly) N times within the last D days", or its negation.
public struct EventCriterion: Sendable, Hashable {
    /// How the person's count compares with ``count``.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case atLeast = "gte"
        case atMost = "lte"
        case exactly = "exact"
    }

    /// The units PostHog's `time_interval` takes here, in days.
    public static let intervalDays: [String: Int] = ["day": 1, "week": 7]

    public var event: String
    public var comparison: Comparison
    public var count: Int
    /// PostHog's `time_value` and `time_interval`: the window is the last `timeValue` intervals.
    public var timeValue: Int
    public var timeInterval: String
    /// "Did not perform": the person is a member when the comparison does not hold.
    public var negated: Bool

    /// The window's length in days.
    public var days: Int { self.timeValue * (Self.intervalDays[self.timeInterval] ?? 1) }

    /// Whether a person with `count` matching events in the window meets the criterion.
    public func holds(count: Int) -> Bool {
        let compared: Bool
        switch self.comparison {
        case .atLeast: compared = count >= self.count
        case .atMost: compared = count <= self.count
        case .exactly: compared = count == self.count
        }
        return compared != self.negated
    }
}
