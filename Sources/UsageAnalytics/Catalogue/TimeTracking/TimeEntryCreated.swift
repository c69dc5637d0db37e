/// `time_entry_created`: a time entry was saved.
public struct TimeEntryCreated: AnalyticsEvent {
    public var details: TimeEntryDetails

    public init(details: TimeEntryDetails) {
        self.details = details
    }

    public static let definition = EventDefinition(
        name: "time_entry_created", category: .timeTracking,
        trigger: "After a time entry's insert commits.",
        properties: TimeEntryDetails.properties.map { $0.within(\Self.details) })
}
