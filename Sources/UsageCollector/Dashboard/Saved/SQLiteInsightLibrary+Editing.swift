import GRDB

/// Renaming, deleting and arranging saved insights and dashboards in SQLite; every change is scoped to the project.
extension SQLiteInsightLibrary {
    func renameInsight(project: String, id: Int64, name: String) async throws -> Bool {
        try await self.changes(
            "UPDATE saved_insights SET name = ? WHERE project = ? AND id = ?", arguments: [name, project, id])
    }

    func deleteInsight(project: String, id: Int64) async throws -> Bool {
        try await self.pool.write { database in
            try database.execute(
                sql: "DELETE FROM saved_insights WHERE project = ? AND id = ?", arguments: [project, id])
            guard database.changesCount > 0 else { return false }
            let rows = try Row.fetchAll(
                database, sql: "SELECT id, insight_ids FROM saved_dashboards WHERE project = ?", arguments: [project])
            for row in rows {
                let tiles = Self.tiles(row["insight_ids"])
                guard tiles.contains(id) else { continue }
                let dashboard: Int64 = row["id"]
                try database.execute(
                    sql: "UPDATE saved_dashboards SET insight_ids = ? WHERE id = ?",
                    arguments: [Self.text(tiles: tiles.filter { $0 != id }), dashboard])
            }
            return true
        }
    }

    func renameDashboard(project: String, id: Int64, name: String) async throws -> Bool {
        try await self.changes(
            "UPDATE saved_dashboards SET name = ? WHERE project = ? AND id = ?", arguments: [name, project, id])
    }

    func arrangeDashboard(project: String, id: Int64, insightIDs: [Int64]) async throws -> Bool {
        try await self.changes(
            "UPDATE saved_dashboards SET insight_ids = ? WHERE project = ? AND id = ?",
            arguments: [Self.text(tiles: insightIDs), project, id])
    }

    func deleteDashboard(project: String, id: Int64) async throws -> Bool {
        try await self.changes("DELETE FROM saved_dashboards WHERE project = ? AND id = ?", arguments: [project, id])
    }

    /// Tiles are kept as comma-separated ids, in order.
    static func text(tiles: [Int64]) -> String {
        tiles.map(String.init).joined(separator: ",")
    }

    static func tiles(_ text: String) -> [Int64] {
        text.split(separator: ",").compactMap { Int64($0) }
    }

    private func changes(_ sql: String, arguments: StatementArguments) async throws -> Bool {
        try await self.pool.write { database in
            try database.execute(sql: sql, arguments: arguments)
            return database.changesCount > 0
        }
    }
}
