/// A query's `dateRange`: absolute or relative bounds, resolved against "now" and the query's interval.
struct DateRange: Sendable {
    enum Bound: Sendable, Equatable {
        /// Microseconds since the epoch.
        case absolute(Int64)
        /// `-7d`, `-2w`, `-1m`, `-24h`, `-1y`, optionally `…Start` / `…End` of that unit.
        case relative(amount: Int64, unit: Character, edge: Edge?)
        /// `all`: from the earliest stored event.
        case all
        /// The moment of the query.
        case now
    }

    enum Edge: Sendable { case start, end }

    var from: Bound
    var to: Bound
    /// `explicitDate`: use the bounds as given instead of widening them to whole intervals.
    var explicit: Bool

    /// Parses `dateRange` (absent means `defaultFrom` until now).
    static func parse(_ object: QueryObject?, defaultFrom: Bound) throws(InsightQueryError) -> DateRange {
        guard let object else { return DateRange(from: defaultFrom, to: .now, explicit: false) }
        let from = try object.string("date_from").map { text throws(InsightQueryError) in
            try Self.bound(text, attr: object.attr("date_from"))
        }
        let to = try object.string("date_to").map { text throws(InsightQueryError) in
            try Self.bound(text, attr: object.attr("date_to"))
        }
        guard to != .all else { throw InsightQueryError(object.attr("date_to"), "all is only valid for date_from") }
        return DateRange(from: from ?? defaultFrom, to: to ?? .now, explicit: try object.bool("explicitDate") ?? false)
    }

    static func bound(_ text: String, attr: String) throws(InsightQueryError) -> Bound {
        let trimmed = text.trimmingPrefix(" ")
        if trimmed == "all" { return .all }
        if let relative = Self.relative(String(trimmed)) { return relative }
        let iso = trimmed.replacingOccurrences(of: " ", with: "T")
        let candidates = [iso, iso + "Z", iso + "T00:00:00Z"]
        for candidate in candidates {
            if let parsed = ISO8601Timestamp.parse(candidate) { return .absolute(parsed) }
        }
        throw InsightQueryError(attr, "expected an ISO-8601 date, a relative date such as -7d, or all")
    }

    private static func relative(_ text: String) -> Bound? {
        var body = Substring(text)
        var edge: Edge?
        if body.hasSuffix("Start") {
            edge = .start
            body = body.dropLast(5)
        } else if body.hasSuffix("End") {
            edge = .end
            body = body.dropLast(3)
        }
        guard let unit = body.last, "hdwmqyM".contains(unit) else { return nil }
        let number = body.dropLast()
        let signless = number.hasPrefix("-") || number.hasPrefix("+") ? number.dropFirst() : number
        guard !signless.isEmpty, signless.count <= 6, signless.allSatisfy(\.isASCIIDigit), let amount = Int64(signless)
        else { return nil }
        return .relative(amount: number.hasPrefix("+") ? -amount : amount, unit: unit, edge: edge)
    }

    /// The half-open range `[from, to)` in microseconds.
    /// - Parameters:
    ///   - now: the moment of the query
    ///   - interval: the bucket size bounds are widened to (unless `explicitDate`)
    ///   - earliest: the earliest stored event, for `all`
    func resolve(now: Int64, interval: Interval, earliest: Int64?) -> (from: Int64, to: Int64) {
        var from = Self.instant(self.from, now: now, earliest: earliest, isEnd: false)
        var to = Self.instant(self.to, now: now, earliest: earliest, isEnd: true)
        if !self.explicit {
            from = interval.start(of: from)
            to = interval.advance(interval.start(of: to))
        } else if case .now = self.to {
            to += 1
        }
        return (from, max(from, to))
    }

    /// The end of the range alone (exclusive), widened to the interval unless `explicitDate`: retention
    /// tables count back from it, whatever `date_from` says.
    func resolveEnd(now: Int64, interval: Interval) -> Int64 {
        let to = Self.instant(self.to, now: now, earliest: nil, isEnd: true)
        return self.explicit ? to + 1 : interval.advance(interval.start(of: to))
    }

    private static func instant(_ bound: Bound, now: Int64, earliest: Int64?, isEnd: Bool) -> Int64 {
        switch bound {
        case .absolute(let value): return value
        case .now: return now
        case .all: return earliest ?? now
        case .relative(let amount, let unit, let edge):
            let interval: Interval
            var moment: Int64
            switch unit {
            case "h":
                interval = .hour
                moment = now - amount * UTCCalendar.microsecondsPerHour
            case "d":
                interval = .day
                moment = now - amount * UTCCalendar.microsecondsPerDay
            case "w":
                interval = .week
                moment = now - amount * 7 * UTCCalendar.microsecondsPerDay
            default:
                interval = .month
                let months = unit == "q" ? amount * 3 : unit == "y" ? amount * 12 : amount
                let day = UTCCalendar.day(of: now)
                let date = UTCCalendar.civil(day: day)
                let target = UTCCalendar.monthStart(day: day, adding: -months)
                let targetDate = UTCCalendar.civil(day: target)
                let length = UTCCalendar.monthStart(day: target, adding: 1) - target
                let dayOfMonth = min(date.day, length)
                moment =
                    UTCCalendar.day(year: targetDate.year, month: targetDate.month, day: dayOfMonth)
                    * UTCCalendar.microsecondsPerDay + (now - day * UTCCalendar.microsecondsPerDay)
            }
            switch edge {
            case .start?: return interval.start(of: moment)
            case .end?: return interval.advance(interval.start(of: moment)) - 1
            case nil:
                // Relative days and longer count whole days, as PostHog does; hours keep the time.
                return unit == "h" || isEnd ? moment : Interval.day.start(of: moment)
            }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
