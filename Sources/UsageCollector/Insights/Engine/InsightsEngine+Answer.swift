import Foundation

extension InsightsEngine {
    /// Answers `query` over the project's events as of `now` (microseconds since the epoch).
    /// - Throws: ``NotReady`` during the rebuild, ``InsightQueryError`` when the query cannot be answered.
    func answer(_ query: InsightQuery, project: String, now: Int64) throws -> JSONValue {
        let columns = try self.snapshot(project: project)
        switch query {
        case .trends(let trends): return try TrendsRunner(query: trends).answer(columns: columns, now: now)
        case .funnels(let funnels): return try FunnelRunner(query: funnels).answer(columns: columns, now: now)
        case .retention(let retention): return RetentionRunner(query: retention).answer(columns: columns, now: now)
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
