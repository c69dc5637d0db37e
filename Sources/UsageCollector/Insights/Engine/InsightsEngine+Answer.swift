extension InsightsEngine {
    /// Answers `query` over the project's events as of `now` (microseconds since the epoch).
    /// - Throws: ``NotReady`` during the rebuild, ``InsightQueryError`` when the query cannot be answered.
    func answer(_ query: InsightQuery, project: String, now: Int64) throws -> JSONValue {
        let columns = try self.snapshot(project: project)
        switch query {
        case .trends(let trends): return try TrendsRunner(query: trends).answer(columns: columns, now: now)
        case .funnels(let funnels): return FunnelRunner(query: funnels).answer(columns: columns, now: now)
        case .retention(let retention): return RetentionRunner(query: retention).answer(columns: columns, now: now)
        }
    }
}
