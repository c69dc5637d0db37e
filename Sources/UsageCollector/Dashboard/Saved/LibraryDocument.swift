import Foundation

/// The export format of saved insights and dashboards: names and query JSON, no ids, so it imports into any
/// collector. `{"insights": [{"name", "query"}], "dashboards": [{"name", "insights": [insight names]}]}`.
struct LibraryDocument: Codable, Sendable, Equatable {
    struct Insight: Codable, Sendable, Equatable {
        let name: String
        let query: JSONValue
    }

    struct Dashboard: Codable, Sendable, Equatable {
        let name: String
        let insights: [String]
    }

    static let maximumBytes = 4 * 1024 * 1024
    static let maximumEntries = 1000

    var insights: [Insight]
    var dashboards: [Dashboard]

    /// The library of a project as a document.
    static func export(_ library: any InsightLibrary, project: String) async throws -> LibraryDocument {
        let insights = try await library.insights(project: project)
        let names = Dictionary(insights.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return LibraryDocument(
            insights: insights.map { Insight(name: $0.name, query: JSONValue.parse(Array($0.query.utf8)) ?? .null) },
            dashboards: try await library.dashboards(project: project).map { dashboard in
                Dashboard(name: dashboard.name, insights: dashboard.insightIDs.compactMap { names[$0] })
            })
    }

    /// Reads a document, refusing one that is too large, malformed, or whose queries do not parse.
    static func parse(_ text: String) throws(LibraryError) -> LibraryDocument {
        guard text.utf8.count <= Self.maximumBytes else {
            throw LibraryError(description: "The document is larger than 4 MiB.")
        }
        guard let document = try? JSONDecoder().decode(LibraryDocument.self, from: Data(text.utf8)) else {
            throw LibraryError(
                description: #"The document is not an export: expected {"insights": [...], "dashboards": [...]}."#)
        }
        guard document.insights.count + document.dashboards.count <= Self.maximumEntries else {
            throw LibraryError(description: "A document holds at most \(Self.maximumEntries) entries.")
        }
        for insight in document.insights {
            _ = try LibraryError.check(name: insight.name)
            do {
                _ = try InsightQuery.parse(body: Array(insight.query.jsonText.utf8))
            } catch {
                throw LibraryError(description: "Insight \(insight.name.prefix(60)): \(error.attr): \(error.detail)")
            }
        }
        let names = Set(document.insights.map(\.name))
        for dashboard in document.dashboards {
            _ = try LibraryError.check(name: dashboard.name)
            guard dashboard.insights.count <= LibraryError.maximumTiles else {
                throw LibraryError(description: "A dashboard has at most \(LibraryError.maximumTiles) tiles.")
            }
            if let missing = dashboard.insights.first(where: { !names.contains($0) }) {
                throw LibraryError(
                    description: "Dashboard \(dashboard.name.prefix(60)) names a missing insight \(missing.prefix(60))."
                )
            }
        }
        return document
    }

    /// Adds the document's insights and dashboards to the project (new ids; existing entries stay).
    func load(into library: any InsightLibrary, project: String) async throws {
        var ids: [String: Int64] = [:]
        for insight in self.insights {
            ids[insight.name] = try await library.saveInsight(
                project: project, name: try LibraryError.check(name: insight.name), query: insight.query.jsonText)
        }
        for dashboard in self.dashboards {
            _ = try await library.saveDashboard(
                project: project, name: try LibraryError.check(name: dashboard.name),
                insightIDs: dashboard.insights.compactMap { ids[$0] })
        }
    }
}
