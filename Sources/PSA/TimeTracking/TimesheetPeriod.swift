import Foundation

/// The days a time sheet covers, `[start, end)` in whole UTC days; weekly (Monday to Sunday) by default.
public struct TimesheetPeriod: Sendable, Equatable {
    public var start: Date
    public var end: Date

    /// The longest period a sheet may cover.
    public static let maximumDays = 31

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// `days` days from the UTC day `start`.
    public init(startDay start: Date, days: Int) {
        self.init(start: start, end: start.addingTimeInterval(Double(days) * 86_400))
    }

    /// The Monday-to-Sunday week (UTC) that contains `date`.
    public static func week(containing date: Date) -> TimesheetPeriod {
        let day = Self.utc.startOfDay(for: date)
        // Gregorian weekday: 1 is Sunday, 2 Monday, … 7 Saturday.
        let sinceMonday = (Self.utc.component(.weekday, from: day) + 5) % 7
        return TimesheetPeriod(startDay: day.addingTimeInterval(-Double(sinceMonday) * 86_400), days: 7)
    }

    /// How many days it covers.
    public var days: Int {
        Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    func contains(_ date: Date) -> Bool {
        start <= date && date < end
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
