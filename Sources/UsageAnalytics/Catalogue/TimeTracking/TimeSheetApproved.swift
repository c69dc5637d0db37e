/// `time_sheet_approved`: a time sheet was approved.
public struct TimeSheetApproved: AnalyticsEvent {
    public var summary: TimeSheetSummary

    public init(summary: TimeSheetSummary) {
        self.summary = summary
    }

    public static let definition = EventDefinition(
        name: "time_sheet_approved", category: .timeTracking,
        trigger: "When a time sheet is approved.",
        properties: TimeSheetSummary.properties.map { $0.within(\Self.summary) })
}
