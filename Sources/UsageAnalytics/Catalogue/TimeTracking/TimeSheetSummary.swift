import Foundation

/// The properties a submitted or approved time sheet reports.
public struct TimeSheetSummary: Sendable, Equatable {
    public var entryCount: Int
    /// Total hours as an exact decimal, never rounded through a binary float.
    public var totalHours: Decimal
    public var periodDays: Int
    public var approvalType: TimeSheetApprovalType

    public init(entryCount: Int, totalHours: Decimal, periodDays: Int, approvalType: TimeSheetApprovalType) {
        self.entryCount = entryCount
        self.totalHours = totalHours
        self.periodDays = periodDays
        self.approvalType = approvalType
    }

    /// The properties, read by the events that embed the summary.
    static let properties: [EventProperty<Self>] = [
        .count("entry_count", \.entryCount, "Time entries on the sheet."),
        .decimal("total_hours", \.totalHours, "Hours on the sheet, as an exact decimal."),
        .count("period_days", \.periodDays, "Days the sheet covers."),
        .enumeration("approval_type", \.approvalType, "How the sheet is approved."),
    ]
}
