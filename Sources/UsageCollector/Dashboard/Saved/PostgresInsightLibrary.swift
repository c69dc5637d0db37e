import Foundation
import Logging
import PostgresNIO

/// Saved insights and dashboards in the PostgreSQL database of the events.
struct PostgresInsightLibrary: InsightLibrary {
    let client: PostgresClient
    let logger: Logger

    func migrate() async throws {
        let statements: [PostgresQuery] = [
            """
            CREATE TABLE IF NOT EXISTS saved_insights (
                id BIGSERIAL PRIMARY KEY, project TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE IF NOT EXISTS saved_dashboards (
                id BIGSERIAL PRIMARY KEY, project TEXT NOT NULL, name TEXT NOT NULL, insight_ids BIGINT[] NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """,
        ]
        for statement in statements { try await self.client.query(statement, logger: self.logger) }
    }

    func saveInsight(project: String, name: String, query: String) async throws -> Int64 {
        try await self.id(
            "INSERT INTO saved_insights (project, name, query) VALUES (\(project), \(name), \(query)) RETURNING id")
    }

    func insights(project: String) async throws -> [SavedInsight] {
        let rows = try await self.client.query(
            "SELECT id, name, query FROM saved_insights WHERE project = \(project) ORDER BY id", logger: self.logger)
        var insights: [SavedInsight] = []
        for try await (id, name, query) in rows.decode((Int64, String, String).self) {
            insights.append(SavedInsight(id: id, name: name, query: query))
        }
        return insights
    }

    func saveDashboard(project: String, name: String, insightIDs: [Int64]) async throws -> Int64 {
        try await self.id(
            "INSERT INTO saved_dashboards (project, name, insight_ids) VALUES (\(project), \(name), \(insightIDs)) RETURNING id"
        )
    }

    func dashboards(project: String) async throws -> [SavedDashboard] {
        let rows = try await self.client.query(
            "SELECT id, name, insight_ids FROM saved_dashboards WHERE project = \(project) ORDER BY id",
            logger: self.logger)
        var dashboards: [SavedDashboard] = []
        for try await (id, name, ids) in rows.decode((Int64, String, [Int64]).self) {
            dashboards.append(SavedDashboard(id: id, name: name, insightIDs: ids))
        }
        return dashboards
    }

    private func id(_ query: PostgresQuery) async throws -> Int64 {
        let rows = try await self.client.query(query, logger: self.logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw LibraryError(description: "the database returned no id")
    }
}
