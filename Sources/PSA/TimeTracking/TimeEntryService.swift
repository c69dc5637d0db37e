import Foundation
import UsageAnalytics

/// Time entries: each change in one transaction that holds the user's row lock (so two writes of one user's time
/// run one after the other and the overlap and period rules see each other's result), and its analytics event
/// after the commit, computed from the stored state before and after.
public struct TimeEntryService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    private let store = TimeEntryStore()
    private let sheets = TimesheetStore()
    private let accounts = AccountStore()
    private let tickets = TicketStore()
    private let rates = RateStore()

    init(database: any SQLDatabase, analytics: AnalyticsClient) {
        self.database = database
        self.analytics = analytics
    }

    /// What a new entry is made of.
    public struct Draft: Sendable {
        public var ticketID: String
        public var serviceID: String?
        public var workItemType: WorkItemType
        public var startedAt: Date
        public var endedAt: Date
        public var isBillable: Bool
        public var notes: String?
    }

    /// Logs the caller's time on a ticket of their tenant; `time_entry_created` follows the commit.
    public func create(_ draft: Draft, by principal: Principal, at time: Date) async throws -> TimeEntry {
        try Self.requireStaff(principal)
        try TimeEntryRules.checkInterval(start: draft.startedAt, end: draft.endedAt)
        let (entry, status) = try await database.transaction { [store, accounts] session in
            guard try await accounts.lockedUser(id: principal.userID, tenantID: principal.tenantID, in: session) != nil
            else { throw RequestError.notFound("user") }
            var entry = TimeEntry(
                id: UUIDText.make(), tenantID: principal.tenantID, userID: principal.userID, ticketID: draft.ticketID,
                clientID: nil, serviceID: draft.serviceID, workItemType: draft.workItemType,
                startedAt: draft.startedAt, endedAt: draft.endedAt, isBillable: draft.isBillable, notes: draft.notes,
                invoiceID: nil, createdAt: time, updatedAt: time)
            try await resolveReferences(of: &entry, in: session)
            let status = try await editableStatus(of: entry, in: session)
            try await checkNoOverlap(entry, in: session)
            try await store.insert(entry, in: session)
            return (entry, status)
        }
        analytics.capture(
            TimeEntryCreated(details: entry.details(approvalStatus: status)), actor: principal.analyticsActor, at: time)
        return entry
    }

    /// The entry, if the caller may see it (agents their own, admins their tenant's); 404 otherwise.
    public func entry(id: String, for principal: Principal) async throws -> TimeEntry {
        try Self.requireStaff(principal)
        return try await visibleEntry(id: id, for: principal, in: database)
    }

    /// Where an entry's end moves to.
    public enum EndUpdate: Sendable {
        case unchanged
        case at(Date)
        case afterMinutes(Int)
    }

    /// Changes to an entry; `.unchanged` fields stay. Moving the start keeps the duration unless the end changes.
    public struct Changes: Sendable {
        public var ticketID: FieldUpdate<String> = .unchanged
        public var serviceID: FieldUpdate<String?> = .unchanged
        public var workItemType: FieldUpdate<WorkItemType> = .unchanged
        public var startedAt: FieldUpdate<Date> = .unchanged
        public var end: EndUpdate = .unchanged
        public var isBillable: FieldUpdate<Bool> = .unchanged
        public var notes: FieldUpdate<String?> = .unchanged
    }

    /// Applies `changes`; `time_entry_updated` follows when a stored value changed, with the duration's delta
    /// against the stored one.
    public func update(id: String, _ changes: Changes, by principal: Principal, at time: Date) async throws
        -> TimeEntry
    {
        try Self.requireStaff(principal)
        let (before, after, status) = try await database.transaction { [store] session in
            let before = try await lockedEntry(id: id, for: principal, in: session)
            var after = before
            changes.apply(to: &after)
            try TimeEntryRules.checkInterval(start: after.startedAt, end: after.endedAt)
            try await resolveReferences(of: &after, in: session)
            _ = try await editableStatus(of: before, in: session)
            let status = try await editableStatus(of: after, in: session)
            guard after != before else { return (before, before, status) }
            after.updatedAt = time
            try await checkNoOverlap(after, in: session)
            try await store.update(after, in: session)
            return (before, after, status)
        }
        guard after != before else { return after }
        analytics.capture(
            TimeEntryUpdated(
                details: after.details(approvalStatus: status), previousDurationMinutes: before.durationMinutes),
            actor: principal.analyticsActor, at: time)
        return after
    }

    /// Deletes the entry; `time_entry_deleted` follows the commit.
    public func delete(id: String, by principal: Principal, at time: Date) async throws {
        try Self.requireStaff(principal)
        let entry = try await database.transaction { [store] session in
            let entry = try await lockedEntry(id: id, for: principal, in: session)
            _ = try await editableStatus(of: entry, in: session)
            try await store.delete(id: entry.id, tenantID: entry.tenantID, in: session)
            return entry
        }
        analytics.capture(
            TimeEntryDeleted(
                durationMinutes: entry.durationMinutes, wasBillable: entry.isBillable,
                ageInDays: max(0, Int(time.timeIntervalSince(entry.createdAt) / 86_400))),
            actor: principal.analyticsActor, at: time)
    }

    /// The entries of `userID` (the caller's own unless an admin asks) that start in `[start, end)`.
    public func list(
        userID: String?, from start: Date, to end: Date, limit: Int, by principal: Principal
    ) async throws -> [TimeEntry] {
        try Self.requireStaff(principal)
        let owner = userID ?? principal.userID
        guard owner == principal.userID || principal.role == .admin else {
            throw RequestError.forbidden("Only an admin can list another user's time.")
        }
        return try await store.entries(
            userID: owner, tenantID: principal.tenantID, from: start, to: end, limit: limit, in: database)
    }

    static func requireStaff(_ principal: Principal) throws {
        guard principal.isStaff else { throw RequestError.forbidden("Client users cannot track time or bill.") }
    }

    /// The entry, locked with its owner's row for the transaction, if the caller may see it; 404 otherwise.
    private func lockedEntry(id: String, for principal: Principal, in session: any SQLSession) async throws
        -> TimeEntry
    {
        let visible = try await visibleEntry(id: id, for: principal, in: session)
        _ = try await accounts.lockedUser(id: visible.userID, tenantID: principal.tenantID, in: session)
        // Read again under the lock: a write that held it meanwhile may have changed or deleted the entry.
        return try await visibleEntry(id: id, for: principal, in: session)
    }

    private func visibleEntry(id: String, for principal: Principal, in session: any SQLSession) async throws
        -> TimeEntry
    {
        guard let entry = try await store.entry(id: id, tenantID: principal.tenantID, in: session),
            entry.userID == principal.userID || principal.role == .admin
        else { throw RequestError.notFound("time entry") }
        return entry
    }

    /// Fills in the ticket's client, checking that the ticket and service belong to the tenant and that billable
    /// time can be billed (it needs a service and a ticket with a client).
    private func resolveReferences(of entry: inout TimeEntry, in session: any SQLSession) async throws {
        guard let ticket = try await tickets.ticket(id: entry.ticketID, tenantID: entry.tenantID, in: session) else {
            throw RequestError.invalid("invalid_field", "'ticket_id' is not a ticket of this tenant.")
        }
        entry.clientID = ticket.clientID
        if let serviceID = entry.serviceID,
            try await rates.service(id: serviceID, tenantID: entry.tenantID, in: session) == nil
        {
            throw RequestError.invalid("invalid_field", "'service_id' is not a service of this tenant.")
        }
        guard entry.isBillable else { return }
        guard entry.serviceID != nil else {
            throw RequestError.invalid("invalid_field", "'service_id' is required for billable time: it sets the rate.")
        }
        guard entry.clientID != nil else {
            throw RequestError.invalid(
                "invalid_field", "'ticket_id' names a ticket without a client: billable time is billed to its client.")
        }
    }

    /// The approval status of the entry's period; a 409 when its sheet is submitted or approved.
    private func editableStatus(of entry: TimeEntry, in session: any SQLSession) async throws
        -> TimeEntryApprovalStatus
    {
        if entry.invoiceID != nil {
            throw RequestError(
                status: .conflict, type: "conflict", code: "entry_invoiced",
                detail: "The entry is on an invoice and cannot change.")
        }
        let covering = try await sheets.sheets(
            userID: entry.userID, tenantID: entry.tenantID, overlapping: entry.startedAt,
            entry.startedAt.addingTimeInterval(1), in: session
        ).first
        guard let covering else { return .draft }
        guard covering.status.allowsEdits else {
            throw RequestError(
                status: .conflict, type: "conflict", code: "period_locked",
                detail: "The time sheet of this period is \(covering.status.rawValue): its time cannot change.")
        }
        return covering.status.entryApprovalStatus
    }

    private func checkNoOverlap(_ entry: TimeEntry, in session: any SQLSession) async throws {
        let overlapping = try await store.overlaps(
            userID: entry.userID, tenantID: entry.tenantID, start: entry.startedAt, end: entry.endedAt,
            excluding: entry.id, in: session)
        if overlapping {
            throw RequestError(
                status: .conflict, type: "conflict", code: "overlapping_entry",
                detail: "The entry overlaps another time entry of the same user.")
        }
    }
}

extension TimeEntryService.Changes {
    func apply(to entry: inout TimeEntry) {
        let duration = entry.endedAt.timeIntervalSince(entry.startedAt)
        if case .set(let value) = ticketID { entry.ticketID = value }
        if case .set(let value) = serviceID { entry.serviceID = value }
        if case .set(let value) = workItemType { entry.workItemType = value }
        if case .set(let value) = startedAt { entry.startedAt = value }
        switch end {
        case .unchanged: entry.endedAt = entry.startedAt.addingTimeInterval(duration)
        case .at(let value): entry.endedAt = value
        case .afterMinutes(let minutes): entry.endedAt = entry.startedAt.addingTimeInterval(Double(minutes) * 60)
        }
        if case .set(let value) = isBillable { entry.isBillable = value }
        if case .set(let value) = notes { entry.notes = value }
    }
}
