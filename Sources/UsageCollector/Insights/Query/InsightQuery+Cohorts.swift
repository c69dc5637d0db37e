extension InsightQuery {
    /// The most cohorts a query's filters may refer to: a condition's answer is cached per properties text
    /// and per combination of memberships, 2^n entries.
    static let maxFilterCohorts = 4

    /// Every property condition of the query: global, per series or step, exclusions and retention entities.
    var predicates: [PropertyPredicate] {
        switch self {
        case .trends(let query): [query.predicate] + query.series.map(\.predicate)
        case .funnels(let query):
            [query.predicate] + query.steps.map(\.predicate) + query.exclusions.map(\.series.predicate)
        case .retention(let query): [query.predicate, query.target.predicate, query.returning.predicate]
        }
    }

    /// The cohorts the query's filters refer to.
    var filterCohortIDs: Set<Int> { Set(self.predicates.flatMap(\.cohortIDs)) }

    /// The query's cohort breakdown, if it has one.
    var cohortBreakdown: CohortBreakdown? {
        switch self {
        case .trends(let query): query.cohortBreakdown
        case .funnels(let query): query.cohortBreakdown
        case .retention(let query): query.cohortBreakdown
        }
    }

    /// Every cohort the query needs (filters and breakdown, without "all users").
    var cohortIDs: Set<Int> {
        self.filterCohortIDs.union(self.cohortBreakdown?.cohorts ?? []).subtracting([0])
    }

    /// The same query over the members of `cohort` only (0, "all users", changes nothing).
    func restricted(toCohort cohort: Int) -> InsightQuery {
        guard cohort != 0 else { return self }
        let member = PropertyPredicate.cohort(id: cohort, negated: false)
        switch self {
        case .trends(var query):
            query.predicate = .all([query.predicate, member])
            return .trends(query)
        case .funnels(var query):
            query.predicate = .all([query.predicate, member])
            return .funnels(query)
        case .retention(var query):
            query.predicate = .all([query.predicate, member])
            return .retention(query)
        }
    }
}
