import Foundation
import UsageAnalytics

/// Time sheets: a user submits a period's time, an admin approves it (one or many at once), rejects it with a
/// reason, or reopens it. Submission holds the user's row lock, as entry writes do, so a sheet's totals are the
/// entries it locks; `time_sheet_submitted` and `time_sheet_approved` follow the commit with those totals.
public struct TimesheetService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    private let store = TimesheetStore()
    private let entries = TimeEntryStore()
    private let accounts = AccountStore()

    /// The most sheets one bulk approval takes.
    public static let maximumBulk = 100

    init(database: any SQLDatabase, analytics: AnalyticsClient) {
        self.database = database
        self.analytics = analytics
    }

    /// Submits the caller's sheet for `period` (a new one, or their open or rejected sheet of that exact period).
    public func submit(period: TimesheetPeriod, by principal: Principal, at time: Date) async throws
        -> TimesheetTotals
    {
        try TimeEntryService.requireStaff(principal)
        let submitted = try await database.transaction { [store, accounts] session in
            guard try await accounts.lockedUser(id: principal.userID, tenantID: principal.tenantID, in: session) != nil
            else { throw RequestError.notFound("user") }
            let existing = try await store.sheets(
                userID: principal.userID, tenantID: principal.tenantID, overlapping: period.start, period.end,
                in: session)
            var sheet: Timesheet
            if let current = existing.first {
                guard existing.count == 1, current.period == period else {
                    throw Self.conflict("overlapping_period", "Another time sheet of yours covers part of this period.")
                }
                guard current.status.allowsEdits else {
                    throw Self.conflict(
                        "already_submitted", "This period's time sheet is already \(current.status.rawValue).")
                }
                sheet = current
                sheet.status = .submitted
                sheet.submittedAt = time
                sheet.updatedAt = time
                try await store.update(sheet, in: session)
            } else {
                sheet = Timesheet(
                    id: UUIDText.make(), tenantID: principal.tenantID, userID: principal.userID, period: period,
                    status: .submitted, submittedAt: time, decidedAt: nil, decidedBy: nil, rejectionReason: nil,
                    createdAt: time, updatedAt: time)
                try await store.insert(sheet, in: session)
            }
            return try await totals(of: sheet, in: session)
        }
        analytics.capture(
            TimeSheetSubmitted(summary: submitted.summary(approvalType: .manual)), actor: principal.analyticsActor,
            at: time)
        return submitted
    }

    /// Approves one submitted sheet (`approval_type` manual).
    public func approve(id: String, by principal: Principal, at time: Date) async throws -> TimesheetTotals {
        try await approve(ids: [id], approvalType: .manual, by: principal, at: time)[0]
    }

    /// Approves every sheet of `ids` or none: each must be submitted (`approval_type` bulk).
    public func approveAll(ids: [String], by principal: Principal, at time: Date) async throws -> [TimesheetTotals] {
        guard (1...Self.maximumBulk).contains(ids.count), Set(ids).count == ids.count else {
            throw RequestError.invalid(
                "invalid_field", "'ids' must list 1 to \(Self.maximumBulk) different time sheet ids.")
        }
        return try await approve(ids: ids, approvalType: .bulk, by: principal, at: time)
    }

    private func approve(
        ids: [String], approvalType: TimeSheetApprovalType, by principal: Principal, at time: Date
    ) async throws -> [TimesheetTotals] {
        try Self.requireApprover(principal)
        let approved = try await database.transaction { session in
            // Rows are locked in one order (by id), so two bulk approvals of overlapping sheets wait for each
            // other instead of deadlocking on PostgreSQL; the answer keeps the order asked for.
            var byID: [String: TimesheetTotals] = [:]
            for id in ids.sorted() {
                let sheet = try await decide(id, .approved, reason: nil, by: principal, at: time, in: session)
                byID[id] = try await totals(of: sheet, in: session)
            }
            return ids.compactMap { byID[$0] }
        }
        for totals in approved {
            analytics.capture(
                TimeSheetApproved(summary: totals.summary(approvalType: approvalType)),
                actor: principal.analyticsActor, at: time)
        }
        return approved
    }

    /// Sends a submitted sheet back with a reason; its time can then change and be submitted again.
    public func reject(id: String, reason: String, by principal: Principal, at time: Date) async throws
        -> TimesheetTotals
    {
        try Self.requireApprover(principal)
        return try await database.transaction { session in
            let sheet = try await decide(id, .rejected, reason: reason, by: principal, at: time, in: session)
            return try await totals(of: sheet, in: session)
        }
    }

    /// An admin's decision on a submitted sheet, stored: approved, or rejected with a reason.
    private func decide(
        _ id: String, _ decision: Timesheet.Status, reason: String?, by principal: Principal, at time: Date,
        in session: any SQLSession
    ) async throws -> Timesheet {
        var sheet = try await lockedSheet(id: id, tenantID: principal.tenantID, in: session)
        guard sheet.status == .submitted else {
            throw Self.conflict(
                "not_submitted",
                "Only a submitted time sheet can be \(decision.rawValue); it is \(sheet.status.rawValue).")
        }
        sheet.status = decision
        sheet.decidedAt = time
        sheet.decidedBy = principal.userID
        sheet.rejectionReason = reason
        sheet.updatedAt = time
        try await store.update(sheet, in: session)
        return sheet
    }

    /// Opens a submitted, approved or rejected sheet again (an admin; or its owner, unless it is approved). An
    /// approved sheet whose time is on an invoice stays closed.
    public func reopen(id: String, by principal: Principal, at time: Date) async throws -> TimesheetTotals {
        try TimeEntryService.requireStaff(principal)
        return try await database.transaction { [store, entries] session in
            var sheet = try await lockedSheet(id: id, tenantID: principal.tenantID, in: session)
            guard sheet.userID == principal.userID || principal.role == .admin else {
                throw RequestError.notFound("time sheet")
            }
            guard sheet.status != .open else { throw Self.conflict("already_open", "The time sheet is already open.") }
            if sheet.status == .approved {
                try Self.requireApprover(principal)
                let invoiced = try await entries.hasInvoiced(
                    userID: sheet.userID, tenantID: sheet.tenantID, from: sheet.period.start, to: sheet.period.end,
                    in: session)
                if invoiced {
                    throw Self.conflict("period_invoiced", "Time of this period is on an invoice: it stays approved.")
                }
            }
            sheet.status = .open
            sheet.decidedAt = nil
            sheet.decidedBy = nil
            sheet.updatedAt = time
            try await store.update(sheet, in: session)
            return try await totals(of: sheet, in: session)
        }
    }

    /// The sheet with its totals, if the caller may see it (agents their own, admins their tenant's).
    public func sheet(id: String, for principal: Principal) async throws -> TimesheetTotals {
        try TimeEntryService.requireStaff(principal)
        guard let sheet = try await store.sheet(id: id, tenantID: principal.tenantID, in: database),
            sheet.userID == principal.userID || principal.role == .admin
        else { throw RequestError.notFound("time sheet") }
        return try await totals(of: sheet, in: database)
    }

    /// The tenant's sheets (an agent's own only), newest period first.
    public func list(userID: String?, status: Timesheet.Status?, limit: Int, by principal: Principal) async throws
        -> [TimesheetTotals]
    {
        try TimeEntryService.requireStaff(principal)
        let owner = principal.role == .admin ? userID : principal.userID
        if let userID, userID != owner {
            throw RequestError.forbidden("Only an admin can list another user's time sheets.")
        }
        var result: [TimesheetTotals] = []
        for sheet in try await store.sheets(
            tenantID: principal.tenantID, userID: owner, status: status, limit: limit, in: database)
        {
            result.append(try await totals(of: sheet, in: database))
        }
        return result
    }

    private func lockedSheet(id: String, tenantID: String, in session: any SQLSession) async throws -> Timesheet {
        guard let sheet = try await store.lockedSheet(id: id, tenantID: tenantID, in: session) else {
            throw RequestError.notFound("time sheet")
        }
        return sheet
    }

    private func totals(of sheet: Timesheet, in session: any SQLSession) async throws -> TimesheetTotals {
        let (count, minutes) = try await entries.totals(
            userID: sheet.userID, tenantID: sheet.tenantID, from: sheet.period.start, to: sheet.period.end,
            in: session)
        return TimesheetTotals(sheet: sheet, entryCount: count, totalMinutes: minutes)
    }

    static func requireApprover(_ principal: Principal) throws {
        guard principal.role == .admin else { throw RequestError.forbidden("Only an admin can approve time sheets.") }
    }

    static func conflict(_ code: String, _ detail: String) -> RequestError {
        RequestError(status: .conflict, type: "conflict", code: code, detail: detail)
    }
}
