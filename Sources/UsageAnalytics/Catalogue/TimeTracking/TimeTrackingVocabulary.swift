// The closed sets that time tracking events draw their values from.

/// What a time entry was logged against.
public enum WorkItemType: String, PropertyEnumeration {
    case ticket
    case projectTask = "project_task"
    case interaction
    case adHoc = "ad_hoc"
}

/// Where a time entry stands in the approval workflow.
public enum TimeEntryApprovalStatus: String, PropertyEnumeration {
    case draft, submitted, approved
    case changesRequested = "changes_requested"
}

/// How a time sheet was approved.
public enum TimeSheetApprovalType: String, PropertyEnumeration {
    case manual, bulk, automatic
}
