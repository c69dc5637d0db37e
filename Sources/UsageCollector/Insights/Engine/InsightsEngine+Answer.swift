import Foundation

extension InsightsEngine {
    /// Answers `query` over the project's events as of `now` (microseconds since the epoch); a query that
    /// names a cohort goes through ``answer(_:columns:now:cohorts:)`` with the cohorts resolved.
    /// - Throws: ``NotReady`` during the rebuild, ``InsightQueryError`` when the query cannot be answered.
    func answer(_ query: InsightQuery, project: String, now: Int64) throws -> JSONValue {
        try Self.answer(query, columns: try self.snapshot(project: project), now: now, cohorts: CohortMasks())
    }

    /// Answers `query` over `columns` with the members of the cohorts it names (resolved over the same
    /// columns); a cohort breakdown runs it once per cohort, restricted to its members.
    static func answer(
        _ query: InsightQuery, columns: ProjectColumns, now: Int64, cohorts: CohortMasks
    ) throws(InsightQueryError) -> JSONValue {
        if let missing = query.cohortIDs.sorted().first(where: { cohorts.masks[$0] == nil }) {
            throw InsightQueryError("query", "cohort \(missing) is not a cohort of this project")
        }
        guard let breakdown = query.cohortBreakdown else { return try Self.run(query, columns, now, cohorts) }
        var rows: [JSONValue] = []
        for cohort in breakdown.cohorts {
            let answer = try Self.run(query.restricted(toCohort: cohort), columns, now, cohorts)
            let name = cohort == 0 ? "All Users" : cohorts.names[cohort] ?? "Cohort \(cohort)"
            rows += CohortBreakdownRows.tagged(answer, of: query, cohort: cohort, name: name)
        }
        return .array(rows)
    }

    private static func run(
        _ query: InsightQuery, _ columns: ProjectColumns, _ now: Int64, _ cohorts: CohortMasks
    ) throws(InsightQueryError) -> JSONValue {
        switch query {
        case .trends(let trends):
            return try TrendsRunner(query: trends, cohorts: cohorts).answer(columns: columns, now: now)
        case .funnels(let funnels):
            return try FunnelRunner(query: funnels, cohorts: cohorts).answer(columns: columns, now: now)
        case .retention(let retention):
            return RetentionRunner(query: retention, cohorts: cohorts).answer(columns: columns, now: now)
        }
    }
}

extension InsightsEngine {
    /// Answers a query given as PostHog JSON (`{"query": {...}}` or the bare node) and returns the `results`
    /// as JSON text: the entry point for embedders and benchmarks that do not go through HTTP.
    /// - Throws: ``InsightQueryError`` for a malformed or unsupported query, ``NotReady`` during the rebuild.
    public func answer(json: String, project: String, now: Date = Date()) throws -> String {
        let query = try InsightQuery.parse(body: Array(json.utf8))
        return try self.answer(query, project: project, now: Int64(now.timeIntervalSince1970 * 1_000_000)).jsonText
    }
}
