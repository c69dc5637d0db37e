import PropertyBased

@testable import UsageCollector

/// A random cohort of a property-test case: a static list of distinct ids, or behavioural criteria over the
/// case's event names with windows that cut through its three days of events.
struct RandomCohort: Sendable, CustomStringConvertible {
    let id: Int
    let staticMembers: [String]?
    let criteria: CohortCriteria?

    var description: String { "cohort \(self.id): \(self.staticMembers.map { "\($0)" } ?? "\(self.criteria!)")" }

    static func make(id: Int, personCount: Int, _ rng: inout some RandomNumberGenerator) -> RandomCohort {
        guard Bool.random(using: &rng) else {
            let members = (0..<personCount).filter { _ in Bool.random(using: &rng) }.map { "u\($0)" }
            return RandomCohort(id: id, staticMembers: members + ["not-a-person"], criteria: nil)
        }
        func criterion() -> CohortCriteria {
            .event(
                EventCriterion(
                    event: RandomInsightCase.names.randomElement(using: &rng)!,
                    comparison: EventCriterion.Comparison.allCases.randomElement(using: &rng)!,
                    count: Int.random(in: 0...3, using: &rng), timeValue: Int.random(in: 7...11, using: &rng),
                    timeInterval: "day", negated: Int.random(in: 0...3, using: &rng) == 0))
        }
        let parts = (0..<Int.random(in: 1...3, using: &rng)).map { _ in criterion() }
        return RandomCohort(
            id: id, staticMembers: nil, criteria: Bool.random(using: &rng) ? .all(parts) : .any(parts))
    }
}

/// The reference's cohort members: counted from the events read back from the store, with set operations.
enum ReferenceCohorts {
    static func members(_ cohort: RandomCohort, events: [ReferenceInsights.Event], now: Int64) -> Set<String> {
        let persons = Set(events.map(\.record.distinctID))
        if let listed = cohort.staticMembers { return persons.intersection(listed) }
        return persons.filter { Self.holds(cohort.criteria!, person: $0, events: events, now: now) }
    }

    /// `query` over the members of `cohort` only (all users for 0), written apart from the engine's own rule.
    static func restricted(_ query: InsightQuery, to cohort: Int) -> InsightQuery {
        guard cohort != 0 else { return query }
        func restrict(_ predicate: PropertyPredicate) -> PropertyPredicate {
            .any([.all([predicate, .cohort(id: cohort, negated: false)])])
        }
        switch query {
        case .trends(var trends):
            trends.predicate = restrict(trends.predicate)
            return .trends(trends)
        case .funnels(var funnels):
            funnels.predicate = restrict(funnels.predicate)
            return .funnels(funnels)
        case .retention(var retention):
            retention.predicate = restrict(retention.predicate)
            return .retention(retention)
        }
    }

    private static func holds(
        _ criteria: CohortCriteria, person: String, events: [ReferenceInsights.Event], now: Int64
    ) -> Bool {
        switch criteria {
        case .all(let parts): return parts.allSatisfy { Self.holds($0, person: person, events: events, now: now) }
        case .any(let parts): return parts.contains { Self.holds($0, person: person, events: events, now: now) }
        case .event(let criterion):
            let from = now - Int64(criterion.days) * 86_400_000_000
            let count = events.filter {
                $0.record.distinctID == person && $0.record.event == criterion.event && $0.record.timestamp >= from
                    && $0.record.timestamp <= now
            }.count
            let compared: Bool
            switch criterion.comparison {
            case .atLeast: compared = count >= criterion.count
            case .atMost: compared = count <= criterion.count
            case .exactly: compared = count == criterion.count
            }
            return compared != criterion.negated
        }
    }
}
