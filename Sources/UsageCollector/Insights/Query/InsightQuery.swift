import Foundation

/// A parsed, validated insight query: PostHog's `TrendsQuery`, `FunnelsQuery` or `RetentionQuery`.
enum InsightQuery: Sendable {
    case trends(TrendsQuery)
    case funnels(FunnelsQuery)
    case retention(RetentionQuery)

    static let maxBodyBytes = 256 * 1024

    /// Parses a request body `{"query": <node>}` (a bare node is accepted too).
    /// - Parameter expectedKind: the only kind allowed, for `/api/query/{trends,funnel,retention}`
    static func parse(body: some Collection<UInt8>, expectedKind: String? = nil) throws(InsightQueryError)
        -> InsightQuery
    {
        guard body.count <= Self.maxBodyBytes else {
            throw InsightQueryError("query", "the request body is larger than \(Self.maxBodyBytes) bytes")
        }
        guard let document = JSONValue.parse(body) else {
            throw InsightQueryError("query", "the body is not valid JSON")
        }
        guard case .object = document else { throw InsightQueryError("query", "expected an object") }
        let envelope = try QueryObject(document, path: "")
        let node: QueryObject
        if let inner = envelope.value("query") {
            node = try QueryObject(inner, path: "query")
        } else {
            node = try QueryObject(document, path: "query")
        }
        guard let kind = try node.string("kind") else { throw InsightQueryError(node.attr("kind"), "is required") }
        if let expectedKind, kind != expectedKind {
            throw InsightQueryError(node.attr("kind"), "this route takes a \(expectedKind)")
        }
        try node.rejectPresent(["aggregation_group_type_index", "dataColorTheme_hogql", "response"])
        if let sampling = node.value("samplingFactor"), sampling != .int(1), sampling != .double(1) {
            throw InsightQueryError.unsupported(node.attr("samplingFactor"), "sampling")
        }
        let query: InsightQuery
        switch kind {
        case "TrendsQuery": query = .trends(try TrendsQuery(node))
        case "FunnelsQuery": query = .funnels(try FunnelsQuery(node))
        case "RetentionQuery": query = .retention(try RetentionQuery(node))
        case "HogQLQuery", "LifecycleQuery", "StickinessQuery", "PathsQuery":
            throw InsightQueryError.unsupported(node.attr("kind"), kind)
        default: throw InsightQueryError(node.attr("kind"), "\(kind) is not a query kind")
        }
        guard query.filterCohortIDs.count <= Self.maxFilterCohorts else {
            throw InsightQueryError(node.attr("properties"), "refers to more than \(Self.maxFilterCohorts) cohorts")
        }
        return query
    }

    /// The `series` list, parsed as `EventsNode`s.
    static func series(_ node: QueryObject, range: ClosedRange<Int>) throws(InsightQueryError) -> [EventSeries] {
        guard let items = try node.array("series", maxCount: range.upperBound) else {
            throw InsightQueryError(node.attr("series"), "is required")
        }
        guard items.count >= range.lowerBound else {
            throw InsightQueryError(node.attr("series"), "needs at least \(range.lowerBound) entries")
        }
        var series: [EventSeries] = []
        for (index, item) in items.enumerated() {
            series.append(try EventSeries(item, path: node.attr("series.\(index)")))
        }
        return series
    }
}
