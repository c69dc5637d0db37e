/// `time_sheet_submitted`: a time sheet was submitted for approval.
public struct TimeSheetSubmitted: AnalyticsEvent {
    public var summary: TimeSheetSummary

    public init(summary: TimeSheetSummary) {
        self.summary = summary
    }

    public static let definition = EventDefinition(
        name: "time_sheet_submitted", category: .timeTracking,
        trigger: "When a time sheet is submitted for approval.",
        properties: TimeSheetSummary.properties.map { $0.within(\Self.summary) })
}
