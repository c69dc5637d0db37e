import Foundation

/// The rules an entry's interval follows, apart from storage: whole minutes, positive, at most a day.
enum TimeEntryRules {
    /// The longest entry: one day.
    static let maximumMinutes = 24 * 60

    /// Throws a 400 naming the problem unless `[start, end)` is a valid entry interval.
    static func checkInterval(start: Date, end: Date) throws {
        guard isWholeMinute(start) else {
            throw RequestError.invalid("invalid_field", "'started_at' must be on a whole minute (no seconds).")
        }
        guard isWholeMinute(end) else {
            throw RequestError.invalid("invalid_field", "'ended_at' must be on a whole minute (no seconds).")
        }
        guard end >= start else {
            throw RequestError.invalid(
                "negative_duration", "The entry ends before it starts: durations cannot be negative.")
        }
        let minutes = Int((end.timeIntervalSince(start) / 60).rounded())
        guard minutes >= 1 else {
            throw RequestError.invalid("invalid_field", "An entry lasts at least 1 minute.")
        }
        guard minutes <= maximumMinutes else {
            throw RequestError.invalid("invalid_field", "An entry lasts at most \(maximumMinutes) minutes.")
        }
    }

    private static func isWholeMinute(_ date: Date) -> Bool {
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        return milliseconds.truncatingRemainder(dividingBy: 60_000) == 0
    }
}
