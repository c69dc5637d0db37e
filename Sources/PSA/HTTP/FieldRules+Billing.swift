import Foundation

/// The rules of time, day and money fields, each failure naming the field.
extension FieldRules {
    /// The instants and days this service accepts: 2000-01-01 to 2100-01-01 UTC.
    static let earliest = Date(timeIntervalSince1970: 946_684_800)
    static let latest = Date(timeIntervalSince1970: 4_102_444_800)

    /// An ISO 8601 instant with a zone (`2026-09-21T09:30:00Z`), within ``earliest`` and ``latest``.
    static func instant(_ value: String, field: String) throws -> Date {
        guard value.utf8.count <= 40, let date = try? Date(value, strategy: .iso8601), earliest <= date,
            date < latest
        else {
            throw RequestError.invalid(
                "invalid_field", "'\(field)' must be an ISO 8601 time such as 2026-09-21T09:30:00Z (years 2000-2099).")
        }
        return date
    }

    /// A calendar day `YYYY-MM-DD` as the instant its UTC day starts.
    static func day(_ value: String, field: String) throws -> Date {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard value.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = TimesheetPeriod.utc.date(from: DateComponents(year: year, month: month, day: day)),
            Self.dayText(date) == value, earliest <= date, date < latest
        else {
            throw RequestError.invalid(
                "invalid_field", "'\(field)' must be a day such as 2026-09-21 (years 2000-2099).")
        }
        return date
    }

    /// `YYYY-MM-DD` of the UTC day of `date`.
    static func dayText(_ date: Date) -> String {
        let parts = TimesheetPeriod.utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// A whole number in `range`; money is always whole minor units, so a fraction is refused rather than rounded.
    static func number<Value: BinaryInteger>(_ value: Value, field: String, in range: ClosedRange<Value>) throws
        -> Value
    {
        guard range.contains(value) else {
            throw RequestError.invalid(
                "invalid_field", "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}
