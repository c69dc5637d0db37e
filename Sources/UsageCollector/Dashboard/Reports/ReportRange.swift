/// The whole UTC days a report covers, from the page's `from` and `to` parameters (`yyyy-mm-dd`, inclusive).
struct ReportRange: Sendable, Equatable {
    static let defaultDays: Int64 = 30
    static let maximumDays: Int64 = 731

    /// Days since 1970-01-01.
    let firstDay: Int64
    let lastDay: Int64

    var dayCount: Int64 { self.lastDay - self.firstDay + 1 }
    var fromText: String { Self.text(self.firstDay) }
    var toText: String { Self.text(self.lastDay) }

    /// PostHog's `dateRange` for these days: the end day is widened to its end by the engine.
    var dateRange: JSONValue {
        .object(["date_from": .string(self.fromText), "date_to": .string(self.toText)])
    }

    /// The range the parameters ask for, or the last 30 days and a notice saying what was wrong with them.
    static func parse(from: String?, to: String?, today: Int64) -> (range: ReportRange, notice: String?) {
        let fallback = ReportRange(firstDay: today - Self.defaultDays + 1, lastDay: today)
        if (from ?? "").isEmpty && (to ?? "").isEmpty { return (fallback, nil) }
        guard let first = from.flatMap(Self.day), let last = to.flatMap(Self.day) else {
            return (fallback, "The dates must be given as yyyy-mm-dd; showing the last \(Self.defaultDays) days.")
        }
        guard first <= last else {
            return (fallback, "The start date is after the end date; showing the last \(Self.defaultDays) days.")
        }
        guard last - first + 1 <= Self.maximumDays else {
            return (
                fallback,
                "A range may span at most \(Self.maximumDays) days; showing the last \(Self.defaultDays) days."
            )
        }
        return (ReportRange(firstDay: first, lastDay: last), nil)
    }

    /// The day of a `yyyy-mm-dd` text between the years 2000 and 2999, else nil.
    static func day(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (2000...2999).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let result = UTCCalendar.day(year: year, month: month, day: day)
        // Rejects 31 April and 30 February, which the calendar arithmetic would roll over.
        return Self.text(result) == text ? result : nil
    }

    static func text(_ day: Int64) -> String {
        String(UTCCalendar.isoText(day * UTCCalendar.microsecondsPerDay, time: false).prefix(10))
    }
}
