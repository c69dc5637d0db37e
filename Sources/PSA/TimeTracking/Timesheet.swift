import Foundation
import UsageAnalytics

/// One user's time for one period, through submission and approval.
public struct Timesheet: Sendable, Equatable {
    /// Where a time sheet stands. Entries of a submitted or approved period cannot change.
    public enum Status: String, Sendable, CaseIterable {
        /// Being filled in (new, or reopened after approval).
        case open
        case submitted
        case approved
        /// Sent back with a reason: its entries can change, then it is submitted again.
        case rejected

        /// Whether entries in the period may be created, changed or deleted.
        var allowsEdits: Bool { self == .open || self == .rejected }

        /// The approval status of an entry in a period with this sheet.
        var entryApprovalStatus: TimeEntryApprovalStatus {
            switch self {
            case .open: .draft
            case .submitted: .submitted
            case .approved: .approved
            case .rejected: .changesRequested
            }
        }
    }

    public var id: String
    public var tenantID: String
    public var userID: String
    public var period: TimesheetPeriod
    public var status: Status
    public var submittedAt: Date?
    public var decidedAt: Date?
    public var decidedBy: String?
    public var rejectionReason: String?
    public var createdAt: Date
    public var updatedAt: Date
}

extension Timesheet {
    init(row: SQLRow) throws {
        guard let status = Status(rawValue: try row.string("status")) else {
            throw DatabaseError.unexpectedValue(column: "status")
        }
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), userID: try row.string("user_id"),
            period: TimesheetPeriod(start: try row.date("period_start"), end: try row.date("period_end")),
            status: status, submittedAt: try row.optionalDate("submitted_at"),
            decidedAt: try row.optionalDate("decided_at"), decidedBy: try row.optionalString("decided_by"),
            rejectionReason: try row.optionalString("rejection_reason"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    /// The columns ``init(row:)`` reads.
    static let columns = """
        id, tenant_id, user_id, period_start, period_end, status, submitted_at, decided_at, decided_by, \
        rejection_reason, created_at, updated_at
        """
}

/// A time sheet with the totals of its period's entries.
public struct TimesheetTotals: Sendable, Equatable {
    public var sheet: Timesheet
    public var entryCount: Int
    public var totalMinutes: Int

    /// Hours as an exact decimal: minutes over 60 in decimal arithmetic, never through a binary float.
    public var totalHours: Decimal {
        Decimal(totalMinutes) / 60
    }

    /// What `time_sheet_submitted` and `time_sheet_approved` report.
    func summary(approvalType: TimeSheetApprovalType) -> TimeSheetSummary {
        TimeSheetSummary(
            entryCount: entryCount, totalHours: totalHours, periodDays: sheet.period.days, approvalType: approvalType)
    }
}
