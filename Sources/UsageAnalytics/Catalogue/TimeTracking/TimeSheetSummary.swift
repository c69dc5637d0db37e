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

    static let declarations: [PropertyDeclaration] = [
        .count("entry_count", "Time entries on the sheet."),
        .decimal("total_hours", "Hours on the sheet, as an exact decimal."),
        .count("period_days", "Days the sheet covers."),
        .enumeration("approval_type", TimeSheetApprovalType.self, "How the sheet is approved."),
    ]

    func write(to properties: inout EventProperties) {
        properties.add("entry_count", count: entryCount)
        properties.add("total_hours", decimal: totalHours)
        properties.add("period_days", count: periodDays)
        properties.add("approval_type", approvalType)
    }
}
