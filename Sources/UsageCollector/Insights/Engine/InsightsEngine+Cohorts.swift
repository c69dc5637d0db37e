import Foundation

extension InsightsEngine {
    /// The number of persons meeting behavioural cohort criteria (PostHog's cohort `filters` JSON) as of `now`,
    /// computed from the columns as the collector computes cohort members: the entry point of the benchmark.
    /// - Throws: ``InsightQueryError`` for invalid criteria, ``NotReady`` during the rebuild.
    public func cohortSize(filters json: String, project: String, now: Date = Date()) throws -> Int {
        guard let value = JSONValue.parse(Array(json.utf8)) else {
            throw InsightQueryError("filters", "is not valid JSON")
        }
        let criteria = try CohortCriteria(filters: value)
        let micros = Int64((now.timeIntervalSince1970 * 1_000_000).rounded())
        return CohortMembership.members(of: criteria, columns: try self.snapshot(project: project), now: micros).count
    }
}
