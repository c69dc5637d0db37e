import PostgresNIO

/// Renaming, deleting and arranging saved insights and dashboards in PostgreSQL; every change is scoped to the
/// project.
extension PostgresInsightLibrary {
    func renameInsight(project: String, id: Int64, name: String) async throws -> Bool {
        try await self.changes(
            "UPDATE saved_insights SET name = \(name) WHERE project = \(project) AND id = \(id) RETURNING id")
    }

    /// One statement, so the insight and its tiles go together (data-modifying CTEs all run, in one snapshot).
    func deleteInsight(project: String, id: Int64) async throws -> Bool {
        try await self.changes(
            """
            WITH deleted AS (DELETE FROM saved_insights WHERE project = \(project) AND id = \(id) RETURNING id),
            untiled AS (
                UPDATE saved_dashboards SET insight_ids = array_remove(insight_ids, \(id))
                WHERE project = \(project) AND \(id) = ANY(insight_ids) AND EXISTS (SELECT 1 FROM deleted))
            SELECT id FROM deleted
            """)
    }

    func renameDashboard(project: String, id: Int64, name: String) async throws -> Bool {
        try await self.changes(
            "UPDATE saved_dashboards SET name = \(name) WHERE project = \(project) AND id = \(id) RETURNING id")
    }

    func arrangeDashboard(project: String, id: Int64, insightIDs: [Int64]) async throws -> Bool {
        try await self.changes(
            """
            UPDATE saved_dashboards SET insight_ids = \(insightIDs) WHERE project = \(project) AND id = \(id)
            RETURNING id
            """)
    }

    func deleteDashboard(project: String, id: Int64) async throws -> Bool {
        try await self.changes("DELETE FROM saved_dashboards WHERE project = \(project) AND id = \(id) RETURNING id")
    }

    /// Whether the statement, which returns the ids it touched, touched any row.
    private func changes(_ query: PostgresQuery) async throws -> Bool {
        let rows = try await self.client.query(query, logger: self.logger)
        var touched = false
        for try await _ in rows.decode(Int64.self) { touched = true }
        return touched
    }
}
