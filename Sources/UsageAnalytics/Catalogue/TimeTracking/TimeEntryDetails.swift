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

    /// The properties, read by the events that embed the details.
    static let properties: [EventProperty<Self>] = [
        .duration("duration_minutes", \.durationMinutes, "The entry's length in minutes."),
        .flag("is_billable", \.isBillable, "Whether the time is billable."),
        .flag("has_notes", \.hasNotes, "Whether the entry has notes; the notes are never sent."),
        .enumeration("work_item_type", \.workItemType, "What the time was logged against."),
        .enumeration("approval_status", \.approvalStatus, "Where the entry stands in approval."),
    ]
}
