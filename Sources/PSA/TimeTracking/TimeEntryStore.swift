import Foundation

/// The SQL of time entries, written once for both engines. Every query is scoped by tenant.
struct TimeEntryStore: Sendable {
    func insert(_ entry: TimeEntry, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO time_entries (id, tenant_id, user_id, ticket_id, client_id, service_id, work_item_type,
                started_at, ended_at, duration_minutes, billable, notes, invoice_id, created_at, updated_at)
            VALUES (\(entry.id), \(entry.tenantID), \(entry.userID), \(entry.ticketID), \(entry.clientID),
                \(entry.serviceID), \(entry.workItemType.rawValue), \(entry.startedAt), \(entry.endedAt),
                \(entry.durationMinutes), \(entry.isBillable), \(entry.notes), \(entry.invoiceID), \(entry.createdAt),
                \(entry.updatedAt))
            """)
    }

    func entry(id: String, tenantID: String, in session: any SQLSession) async throws -> TimeEntry? {
        try await session.query(
            "SELECT \(raw: TimeEntry.columns) FROM time_entries WHERE id = \(id) AND tenant_id = \(tenantID)"
        ).first.map(TimeEntry.init(row:))
    }

    func update(_ entry: TimeEntry, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE time_entries SET ticket_id = \(entry.ticketID), client_id = \(entry.clientID),
                service_id = \(entry.serviceID), work_item_type = \(entry.workItemType.rawValue),
                started_at = \(entry.startedAt), ended_at = \(entry.endedAt), duration_minutes = \(entry.durationMinutes),
                billable = \(entry.isBillable), notes = \(entry.notes), updated_at = \(entry.updatedAt)
            WHERE id = \(entry.id) AND tenant_id = \(entry.tenantID)
            """)
    }

    func delete(id: String, tenantID: String, in session: any SQLSession) async throws {
        try await session.query("DELETE FROM time_entries WHERE id = \(id) AND tenant_id = \(tenantID)")
    }

    /// Whether another entry of the user overlaps `[start, end)`; `excluding` is the entry being edited.
    func overlaps(
        userID: String, tenantID: String, start: Date, end: Date, excluding: String?, in session: any SQLSession
    ) async throws -> Bool {
        let rows = try await session.query(
            """
            SELECT COUNT(*) AS count FROM time_entries
            WHERE tenant_id = \(tenantID) AND user_id = \(userID) AND started_at < \(end) AND ended_at > \(start)
                AND id <> \(excluding ?? "")
            """)
        return try (rows.first?.integer("count") ?? 0) > 0
    }

    /// The user's entries that start in `[start, end)`, oldest first.
    func entries(
        userID: String, tenantID: String, from start: Date, to end: Date, limit: Int, in session: any SQLSession
    ) async throws -> [TimeEntry] {
        try await session.query(
            """
            SELECT \(raw: TimeEntry.columns) FROM time_entries
            WHERE tenant_id = \(tenantID) AND user_id = \(userID) AND started_at >= \(start) AND started_at < \(end)
            ORDER BY started_at, id LIMIT \(limit)
            """
        ).map(TimeEntry.init(row:))
    }

    /// How many of the user's entries start in `[start, end)` and their minutes.
    func totals(userID: String, tenantID: String, from start: Date, to end: Date, in session: any SQLSession)
        async throws -> (entries: Int, minutes: Int)
    {
        let row = try await session.query(
            """
            SELECT COUNT(*) AS count, COALESCE(CAST(SUM(duration_minutes) AS BIGINT), 0) AS minutes FROM time_entries
            WHERE tenant_id = \(tenantID) AND user_id = \(userID) AND started_at >= \(start) AND started_at < \(end)
            """
        ).first
        return (Int(try row?.integer("count") ?? 0), Int(try row?.integer("minutes") ?? 0))
    }

    /// Whether any of the user's entries that start in `[start, end)` is on an invoice.
    func hasInvoiced(userID: String, tenantID: String, from start: Date, to end: Date, in session: any SQLSession)
        async throws -> Bool
    {
        let rows = try await session.query(
            """
            SELECT COUNT(*) AS count FROM time_entries
            WHERE tenant_id = \(tenantID) AND user_id = \(userID) AND started_at >= \(start) AND started_at < \(end)
                AND invoice_id IS NOT NULL
            """)
        return try (rows.first?.integer("count") ?? 0) > 0
    }
}
