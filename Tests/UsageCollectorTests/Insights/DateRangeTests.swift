import Testing

@testable import UsageCollector

/// Relative and absolute date ranges resolve to whole UTC intervals as in PostHog.
@Suite("Insight date ranges and intervals")
struct DateRangeTests {
    static let now = ISO8601Timestamp.parse("2026-01-10T15:30:00Z")!  // a Saturday

    static func resolve(_ from: String, _ to: String? = nil, interval: Interval, explicit: Bool = false) throws -> (
        String, String
    ) {
        var range = DateRange(from: try DateRange.bound(from, attr: "from"), to: .now, explicit: explicit)
        if let to { range.to = try DateRange.bound(to, attr: "to") }
        let resolved = range.resolve(
            now: Self.now, interval: interval, earliest: ISO8601Timestamp.parse("2025-11-03T08:00:00Z"))
        return (ISO8601Timestamp.format(resolved.from), ISO8601Timestamp.format(resolved.to))
    }

    @Test(
        "relative bounds widen to whole intervals",
        arguments: [
            ("-7d", Interval.day, "2026-01-03T00:00:00.000000Z", "2026-01-11T00:00:00.000000Z"),
            ("-24h", .hour, "2026-01-09T15:00:00.000000Z", "2026-01-10T16:00:00.000000Z"),
            ("-2w", .week, "2025-12-21T00:00:00.000000Z", "2026-01-11T00:00:00.000000Z"),
            ("-1m", .day, "2025-12-10T00:00:00.000000Z", "2026-01-11T00:00:00.000000Z"),
            ("-1mStart", .day, "2025-12-01T00:00:00.000000Z", "2026-01-11T00:00:00.000000Z"),
            ("-1m", .month, "2025-12-01T00:00:00.000000Z", "2026-02-01T00:00:00.000000Z"),
            ("all", .day, "2025-11-03T00:00:00.000000Z", "2026-01-11T00:00:00.000000Z"),
        ])
    func relative(_ from: String, _ interval: Interval, _ expectedFrom: String, _ expectedTo: String) throws {
        let (resolvedFrom, resolvedTo) = try Self.resolve(from, interval: interval)
        #expect(resolvedFrom == expectedFrom)
        #expect(resolvedTo == expectedTo)
    }

    @Test("absolute dates include the whole last day; explicitDate keeps the bounds as given")
    func absolute() throws {
        #expect(
            try Self.resolve("2026-01-01", "2026-01-03", interval: .day)
                == ("2026-01-01T00:00:00.000000Z", "2026-01-04T00:00:00.000000Z"))
        #expect(
            try Self.resolve("2026-01-01T10:15:00Z", "2026-01-03 08:00:00", interval: .day, explicit: true)
                == ("2026-01-01T10:15:00.000000Z", "2026-01-03T08:00:00.000000Z"))
    }

    @Test("month buckets follow the calendar, weeks start on Sunday")
    func buckets() {
        let starts = Interval.month.starts(
            from: ISO8601Timestamp.parse("2024-01-31T12:00:00Z")!, to: ISO8601Timestamp.parse("2024-04-01T00:00:00Z")!)
        #expect(starts.map { UTCCalendar.isoText($0, time: false) } == ["2024-01-01", "2024-02-01", "2024-03-01"])
        #expect(UTCCalendar.isoText(Interval.week.start(of: Self.now), time: false) == "2026-01-04")
        #expect(UTCCalendar.label(Interval.hour.start(of: Self.now), time: true) == "10-Jan-2026 15:00")
        #expect(Interval.day.start(of: -1) == -86_400_000_000)
    }
}
