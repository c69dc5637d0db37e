extension InsightsEngine {
    /// Answers `query` like ``answer(_:project:now:)``, first working out the members of the cohorts it
    /// names (filters or a breakdown) over the same columns the query then reads. Without `cohorts` (a store
    /// with no cohorts) a query naming one is refused as unknown, as the engine alone refuses it.
    ///
    /// The query API, the insight builder and saved dashboards' tiles all answer through here, so a cohort
    /// filter means the same everywhere.
    func answer(_ query: InsightQuery, project: String, now: Int64, cohorts: CohortMemberships?) async throws
        -> JSONValue
    {
        guard let cohorts, !query.cohortIDs.isEmpty else { return try self.answer(query, project: project, now: now) }
        let columns = try self.snapshot(project: project)
        let masks = try await cohorts.masks(for: query.cohortIDs, project: project, columns: columns, now: now)
        return try Self.answer(query, columns: columns, now: now, cohorts: masks)
    }
}
