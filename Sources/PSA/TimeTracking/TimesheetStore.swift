import Foundation

/// The SQL of time sheets. Every query is scoped by tenant.
struct TimesheetStore: Sendable {
    func insert(_ sheet: Timesheet, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO timesheets (id, tenant_id, user_id, period_start, period_end, status, submitted_at, decided_at,
                decided_by, rejection_reason, created_at, updated_at)
            VALUES (\(sheet.id), \(sheet.tenantID), \(sheet.userID), \(sheet.period.start), \(sheet.period.end),
                \(sheet.status.rawValue), \(sheet.submittedAt), \(sheet.decidedAt), \(sheet.decidedBy),
                \(sheet.rejectionReason), \(sheet.createdAt), \(sheet.updatedAt))
            """)
    }

    func update(_ sheet: Timesheet, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE timesheets SET status = \(sheet.status.rawValue), submitted_at = \(sheet.submittedAt),
                decided_at = \(sheet.decidedAt), decided_by = \(sheet.decidedBy),
                rejection_reason = \(sheet.rejectionReason), updated_at = \(sheet.updatedAt)
            WHERE id = \(sheet.id) AND tenant_id = \(sheet.tenantID)
            """)
    }

    func sheet(id: String, tenantID: String, in session: any SQLSession) async throws -> Timesheet? {
        try await session.query(
            "SELECT \(raw: Timesheet.columns) FROM timesheets WHERE id = \(id) AND tenant_id = \(tenantID)"
        ).first.map(Timesheet.init(row:))
    }

    /// The sheet, locked until the caller's transaction ends (see `TicketStore.lockedTicket`).
    func lockedSheet(id: String, tenantID: String, in session: any SQLSession) async throws -> Timesheet? {
        try await session.query(
            """
            UPDATE timesheets SET id = id WHERE id = \(id) AND tenant_id = \(tenantID)
            RETURNING \(raw: Timesheet.columns)
            """
        ).first.map(Timesheet.init(row:))
    }

    /// The user's sheets whose period overlaps `[start, end)`.
    func sheets(
        userID: String, tenantID: String, overlapping start: Date, _ end: Date, in session: any SQLSession
    ) async throws -> [Timesheet] {
        try await session.query(
            """
            SELECT \(raw: Timesheet.columns) FROM timesheets
            WHERE tenant_id = \(tenantID) AND user_id = \(userID) AND period_start < \(end) AND period_end > \(start)
            ORDER BY period_start
            """
        ).map(Timesheet.init(row:))
    }

    /// The tenant's sheets, newest period first, optionally of one user or status.
    func sheets(
        tenantID: String, userID: String?, status: Timesheet.Status?, limit: Int, in session: any SQLSession
    ) async throws -> [Timesheet] {
        var statement: SQLStatement = "SELECT \(raw: Timesheet.columns) FROM timesheets WHERE tenant_id = \(tenantID)"
        if let userID { statement += " AND user_id = \(userID)" }
        if let status { statement += " AND status = \(status.rawValue)" }
        statement += " ORDER BY period_start DESC, id LIMIT \(limit)"
        return try await session.query(statement).map(Timesheet.init(row:))
    }
}
