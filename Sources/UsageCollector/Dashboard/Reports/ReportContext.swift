import Foundation

/// What a report's sections are computed from: the engine, the project, the days, and the moment of asking.
struct ReportContext: Sendable {
    let engine: InsightsEngine
    let project: String
    let range: ReportRange
    /// Microseconds since the epoch.
    let now: Int64

    /// Runs a query built by ``InsightRequest`` through the same parser as the query API.
    /// - Throws: ``InsightsEngine/NotReady`` while the engine loads; ``InsightQueryError`` for a query the engine
    ///   refuses.
    func run(_ query: JSONValue) throws -> JSONValue {
        let parsed = try InsightQuery.parse(body: Array(query.jsonText.utf8))
        return try self.engine.answer(parsed, project: self.project, now: self.now)
    }

    /// Runs a trends query and reads its lines.
    func trend(_ query: JSONValue) throws -> [TrendLine] {
        TrendLine.lines(try self.run(query))
    }

    /// The names of the project's events, most frequent first.
    func eventNames() throws -> [String] {
        try EventDefinitionNames.names(self.engine, project: self.project)
    }

    /// `query` as indented JSON with sorted keys, as the page shows it.
    static func prettyText(_ query: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(query), as: UTF8.self)) ?? query.jsonText
    }
}
