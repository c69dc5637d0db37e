/// The names of a project's events, most frequent first, from the engine's discovery listing.
enum EventDefinitionNames {
    static func names(_ engine: InsightsEngine, project: String) throws -> [String] {
        guard case .array(let rows)? = EventDefinitions.events(try engine.snapshot(project: project)).field("results")
        else { return [] }
        return rows.compactMap { InsightRendering.text($0.field("name")) }
    }
}
