import Foundation
import GRDB

/// Saved insights and dashboards in the SQLite database of the events.
struct SQLiteInsightLibrary: InsightLibrary {
    let pool: DatabasePool

    func migrate() async throws {
        try await self.pool.write { database in
            try database.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS saved_insights (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, project TEXT NOT NULL, name TEXT NOT NULL,
                        query TEXT NOT NULL, created_at INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS saved_dashboards (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, project TEXT NOT NULL, name TEXT NOT NULL,
                        insight_ids TEXT NOT NULL, created_at INTEGER NOT NULL);
                    """)
        }
    }

    func saveInsight(project: String, name: String, query: String) async throws -> Int64 {
        try await self.pool.write { database in
            try database.execute(
                sql: "INSERT INTO saved_insights (project, name, query, created_at) VALUES (?, ?, ?, ?)",
                arguments: [project, name, query, Int64(Date().timeIntervalSince1970)])
            return database.lastInsertedRowID
        }
    }

    func insights(project: String) async throws -> [SavedInsight] {
        try await self.pool.read { database in
            try Row.fetchAll(
                database, sql: "SELECT id, name, query FROM saved_insights WHERE project = ? ORDER BY id",
                arguments: [project]
            ).map { SavedInsight(id: $0["id"], name: $0["name"], query: $0["query"]) }
        }
    }

    func saveDashboard(project: String, name: String, insightIDs: [Int64]) async throws -> Int64 {
        try await self.pool.write { database in
            try database.execute(
                sql: "INSERT INTO saved_dashboards (project, name, insight_ids, created_at) VALUES (?, ?, ?, ?)",
                arguments: [
                    project, name, Self.text(tiles: insightIDs), Int64(Date().timeIntervalSince1970),
                ])
            return database.lastInsertedRowID
        }
    }

    func dashboards(project: String) async throws -> [SavedDashboard] {
        try await self.pool.read { database in
            try Row.fetchAll(
                database, sql: "SELECT id, name, insight_ids FROM saved_dashboards WHERE project = ? ORDER BY id",
                arguments: [project]
            ).map { row in
                SavedDashboard(id: row["id"], name: row["name"], insightIDs: Self.tiles(row["insight_ids"]))
            }
        }
    }
}
