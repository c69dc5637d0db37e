/// A bucket size of a trend or retention table, in UTC; weeks start on Sunday (PostHog's default).
enum Interval: String, Sendable, CaseIterable {
    case hour, day, week, month

    /// The start of the bucket holding `timestamp`.
    func start(of timestamp: Int64) -> Int64 {
        switch self {
        case .hour:
            let hour = UTCCalendar.microsecondsPerHour
            return timestamp >= 0 ? timestamp / hour * hour : (timestamp - hour + 1) / hour * hour
        case .day:
            return UTCCalendar.day(of: timestamp) * UTCCalendar.microsecondsPerDay
        case .week:
            let day = UTCCalendar.day(of: timestamp)
            let weekday = ((day + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; 0 = Sunday
            return (day - weekday) * UTCCalendar.microsecondsPerDay
        case .month:
            return UTCCalendar.monthStart(day: UTCCalendar.day(of: timestamp)) * UTCCalendar.microsecondsPerDay
        }
    }

    /// The start of the bucket `count` buckets after the one starting at `start`.
    func advance(_ start: Int64, by count: Int64 = 1) -> Int64 {
        switch self {
        case .hour: start + count * UTCCalendar.microsecondsPerHour
        case .day: start + count * UTCCalendar.microsecondsPerDay
        case .week: start + count * 7 * UTCCalendar.microsecondsPerDay
        case .month:
            UTCCalendar.monthStart(day: UTCCalendar.day(of: start), adding: count) * UTCCalendar.microsecondsPerDay
        }
    }

    /// An upper bound of the number of buckets in `[from, to)`, computed without enumerating them.
    func maximumCount(from: Int64, to: Int64) -> Int64 {
        let shortest: Int64
        switch self {
        case .hour: shortest = UTCCalendar.microsecondsPerHour
        case .day: shortest = UTCCalendar.microsecondsPerDay
        case .week: shortest = 7 * UTCCalendar.microsecondsPerDay
        case .month: shortest = 28 * UTCCalendar.microsecondsPerDay
        }
        return to <= from ? 0 : (to - from) / shortest + 2
    }

    /// Bucket starts from the bucket of `from` up to, excluding, `to`.
    func starts(from: Int64, to: Int64) -> [Int64] {
        var starts: [Int64] = []
        var current = self.start(of: from)
        while current < to {
            starts.append(current)
            current = self.advance(current)
        }
        return starts
    }

    /// Parses PostHog's capitalized retention period names (`Day`) as well as the lower-case intervals.
    init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
