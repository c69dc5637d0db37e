/// `time_entry_updated`: a time entry's update committed.
public struct TimeEntryUpdated: AnalyticsEvent {
    public var details: TimeEntryDetails
    /// The new duration minus the stored one, in minutes.
    public var durationDeltaMinutes: Int

    public init(details: TimeEntryDetails, previousDurationMinutes: Int) {
        self.details = details
        self.durationDeltaMinutes = details.durationMinutes - previousDurationMinutes
    }

    /// Whether the duration differs from the stored value.
    public var durationChanged: Bool { durationDeltaMinutes != 0 }

    public static let definition = EventDefinition(
        name: "time_entry_updated", category: .timeTracking,
        trigger: "After a time entry's update commits.",
        properties: TimeEntryDetails.properties.map { $0.within(\Self.details) } + [
            .flag("duration_changed", \Self.durationChanged, "Whether the duration differs from the stored value."),
            .duration(
                "duration_delta_minutes", \Self.durationDeltaMinutes,
                "New duration minus the stored one, in minutes (may be negative)."),
        ])
}
