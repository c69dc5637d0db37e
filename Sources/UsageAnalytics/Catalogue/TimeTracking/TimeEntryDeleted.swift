/// `time_entry_deleted`: a time entry was deleted.
public struct TimeEntryDeleted: AnalyticsEvent {
    public var durationMinutes: Int
    public var wasBillable: Bool
    public var ageInDays: Int

    public init(durationMinutes: Int, wasBillable: Bool, ageInDays: Int) {
        self.durationMinutes = durationMinutes
        self.wasBillable = wasBillable
        self.ageInDays = ageInDays
    }

    public static let definition = EventDefinition(
        name: "time_entry_deleted", category: .timeTracking,
        trigger: "After a time entry's delete commits.",
        properties: [
            .duration("duration_minutes", \Self.durationMinutes, "The deleted entry's length in minutes."),
            .flag("was_billable", \Self.wasBillable, "Whether the deleted time was billable."),
            .count("age_in_days", \Self.ageInDays, "Whole days since the entry was created."),
        ])
}
