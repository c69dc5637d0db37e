/// Calendar arithmetic in UTC on microsecond timestamps, without Foundation's `Calendar` on the hot path.
enum UTCCalendar {
    static let microsecondsPerSecond: Int64 = 1_000_000
    static let microsecondsPerHour: Int64 = 3_600_000_000
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Whole days since 1970-01-01 (floored, so times before 1970 land on the right day).
    static func day(of timestamp: Int64) -> Int64 {
        timestamp >= 0 ? timestamp / microsecondsPerDay : (timestamp - microsecondsPerDay + 1) / microsecondsPerDay
    }

    /// (year, month 1-12, day 1-31) of a day number.
    static func civil(day: Int64) -> (year: Int64, month: Int64, day: Int64) {
        ISO8601Timestamp.civilFromDays(day)
    }

    /// The day number of a civil date.
    static func day(year: Int64, month: Int64, day: Int64) -> Int64 {
        ISO8601Timestamp.daysFromCivil(year: year, month: month, day: day)
    }

    /// The first day of the month `months` after the month of `day`.
    static func monthStart(day: Int64, adding months: Int64 = 0) -> Int64 {
        let date = Self.civil(day: day)
        let index = date.year * 12 + (date.month - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        return Self.day(year: year, month: index - year * 12 + 1, day: 1)
    }

    /// `2025-01-31` or, with `time`, `2025-01-31 13:00:00`.
    static func isoText(_ timestamp: Int64, time: Bool) -> String {
        let date = Self.civil(day: Self.day(of: timestamp))
        var text = "\(date.year)-\(Self.pad(date.month))-\(Self.pad(date.day))"
        if time {
            let seconds = (timestamp - Self.day(of: timestamp) * microsecondsPerDay) / microsecondsPerSecond
            text += " \(Self.pad(seconds / 3600)):\(Self.pad(seconds / 60 % 60)):\(Self.pad(seconds % 60))"
        }
        return text
    }

    /// PostHog's human label: `1-Jan-2025`, or `1-Jan-2025 13:00` with `time`.
    static func label(_ timestamp: Int64, time: Bool) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let date = Self.civil(day: Self.day(of: timestamp))
        var text = "\(date.day)-\(names[Int(date.month - 1)])-\(date.year)"
        if time {
            let seconds = (timestamp - Self.day(of: timestamp) * microsecondsPerDay) / microsecondsPerSecond
            text += " \(Self.pad(seconds / 3600)):\(Self.pad(seconds / 60 % 60))"
        }
        return text
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
