/// `time_entry_updated`: a time entry's update committed.
public struct TimeEntryUpdated: AnalyticsEvent {
    public var details: TimeEntryDetails
    /// The new duration minus the stored one, in minutes.
    public var durationDeltaMinutes: Int

    public init(details: TimeEntryDetails, previousDurationMinutes: Int) {
        self.details = details
        self.durationDeltaMinutes = details.durationMinutes - previousDurationMinutes
    }

    public static let definition = EventDefinition(
        name: "time_entry_updated", category: .timeTracking,
        trigger: "After a time entry's update commits.",
        properties: TimeEntryDetails.declarations + [
            .flag("duration_changed", "Whether the duration differs from the stored value."),
            .duration("duration_delta_minutes", "New duration minus the stored one, in minutes (may be negative)."),
        ])

    public func write(to properties: inout EventProperties) {
        details.write(to: &properties)
        properties.add("duration_changed", durationDeltaMinutes != 0)
        properties.add("duration_delta_minutes", duration: Double(durationDeltaMinutes))
    }
}
