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
            .duration("duration_minutes", "The deleted entry's length in minutes."),
            .flag("was_billable", "Whether the deleted time was billable."),
            .count("age_in_days", "Whole days since the entry was created."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("duration_minutes", duration: Double(durationMinutes))
        properties.add("was_billable", wasBillable)
        properties.add("age_in_days", count: ageInDays)
    }
}
