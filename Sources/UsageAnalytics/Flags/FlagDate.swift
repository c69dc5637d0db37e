import Foundation

/// Dates in `is_date_before`/`is_date_after` filters: ISO 8601 instants or days, or PostHog's
/// relative form (`-7d`: 7 hours/days/weeks/months/years back with `h`/`d`/`w`/`m`/`y`, under 10 000),
/// following posthog-python `relative_date_parse_for_feature_flag_matching`.
enum FlagDate {
    /// The instant `text` names; relative forms only when `now` is given. A day without a time is UTC midnight.
    static func parse(_ text: String, relativeTo now: Date?) -> Date? {
        if let now, let relative = relative(text, now: now) { return relative }
        if let instant = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return instant }
        if let instant = try? Date.ISO8601FormatStyle().parse(text) { return instant }
        return try? Date.ISO8601FormatStyle().year().month().day().parse(text)
    }

    private static func relative(_ text: String, now: Date) -> Date? {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let unit = digits.last, unit.isLetter, unit.isLowercase else { return nil }
        digits = digits.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count <= 5,
            let count = Int(digits), count < 10_000
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component
        var amount = count
        switch unit {
        case "h": component = .hour
        case "d": component = .day
        case "w": (component, amount) = (.day, count * 7)
        case "m": component = .month
        case "y": component = .year
        default: return nil
        }
        return calendar.date(byAdding: component, value: -amount, to: now)
    }
}
