import Foundation
import UsageAnalytics

/// Time a user worked on a ticket: an interval of whole minutes, billable or not, priced by a service.
public struct TimeEntry: Sendable, Equatable {
    public var id: String
    public var tenantID: String
    public var userID: String
    public var ticketID: String
    /// The ticket's client when the entry was last saved: who billable time is billed to.
    public var clientID: String?
    public var serviceID: String?
    public var workItemType: WorkItemType
    public var startedAt: Date
    public var endedAt: Date
    public var isBillable: Bool
    public var notes: String?
    /// The invoice that billed this entry; an invoiced entry cannot change.
    public var invoiceID: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// The length in whole minutes (entries start and end on whole minutes).
    public var durationMinutes: Int {
        Int((endedAt.timeIntervalSince(startedAt) / 60).rounded())
    }
}

extension TimeEntry {
    init(row: SQLRow) throws {
        guard let workItemType = WorkItemType(rawValue: try row.string("work_item_type")) else {
            throw DatabaseError.unexpectedValue(column: "work_item_type")
        }
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), userID: try row.string("user_id"),
            ticketID: try row.string("ticket_id"), clientID: try row.optionalString("client_id"),
            serviceID: try row.optionalString("service_id"), workItemType: workItemType,
            startedAt: try row.date("started_at"), endedAt: try row.date("ended_at"),
            isBillable: try row.bool("billable"), notes: try row.optionalString("notes"),
            invoiceID: try row.optionalString("invoice_id"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    /// The columns ``init(row:)`` reads.
    static let columns = """
        id, tenant_id, user_id, ticket_id, client_id, service_id, work_item_type, started_at, ended_at, billable, \
        notes, invoice_id, created_at, updated_at
        """

    /// What `time_entry_created` and `time_entry_updated` report, with the approval status of the entry's period.
    func details(approvalStatus: TimeEntryApprovalStatus) -> TimeEntryDetails {
        TimeEntryDetails(
            durationMinutes: durationMinutes, isBillable: isBillable, hasNotes: notes != nil,
            workItemType: workItemType, approvalStatus: approvalStatus)
    }
}
