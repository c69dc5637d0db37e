/// The properties every created or updated time entry reports.
public struct TimeEntryDetails: Sendable, Equatable {
    public var durationMinutes: Int
    public var isBillable: Bool
    public var hasNotes: Bool
    public var workItemType: WorkItemType
    public var approvalStatus: TimeEntryApprovalStatus

    public init(
        durationMinutes: Int, isBillable: Bool, hasNotes: Bool, workItemType: WorkItemType,
        approvalStatus: TimeEntryApprovalStatus
    ) {
        self.durationMinutes = durationMinutes
        self.isBillable = isBillable
        self.hasNotes = hasNotes
        self.workItemType = workItemType
        self.approvalStatus = approvalStatus
    }

    static let declarations: [PropertyDeclaration] = [
        .duration("duration_minutes", "The entry's length in minutes."),
        .flag("is_billable", "Whether the time is billable."),
        .flag("has_notes", "Whether the entry has notes; the notes are never sent."),
        .enumeration("work_item_type", WorkItemType.self, "What the time was logged against."),
        .enumeration("approval_status", TimeEntryApprovalStatus.self, "Where the entry stands in approval."),
    ]

    func write(to properties: inout EventProperties) {
        properties.add("duration_minutes", duration: Double(durationMinutes))
        properties.add("is_billable", isBillable)
        properties.add("has_notes", hasNotes)
        properties.add("work_item_type", workItemType)
        properties.add("approval_status", approvalStatus)
    }
}
