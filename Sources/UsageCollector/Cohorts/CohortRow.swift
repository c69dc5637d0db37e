import Foundation

/// How both stores keep a cohort: its kind as a flag, behavioural criteria as PostHog's `filters` JSON text,
/// times as microseconds since 1970.
enum CohortRow {
    static func filtersText(_ definition: Cohort.Definition) -> String? {
        guard case .behavioural(let criteria) = definition else { return nil }
        return criteria.filtersJSON.jsonText
    }

    /// Kept out of line: inlined into an async caller, its typed throws crashed Swift 6.3.1's optimizer.
    @inline(never)
    static func definition(isStatic: Bool, filters: String?) throws -> Cohort.Definition {
        if isStatic { return .staticList }
        guard let filters, let json = JSONValue.parse(Array(filters.utf8)) else {
            throw InsightQueryError("filters", "the stored criteria are not JSON")
        }
        return .behavioural(try CohortCriteria(filters: json))
    }

    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(_ micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }
}
