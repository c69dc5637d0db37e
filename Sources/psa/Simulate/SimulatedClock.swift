import Foundation

/// The `X-Simulated-Time` header: how a request tells a PSA in simulation mode what time it is.
enum SimulatedClock {
    static let header = "X-Simulated-Time"
    /// How far a ticket's `entered_at` may be from the header and still count as stamped with it.
    static let tolerance: TimeInterval = 2

    /// ISO-8601 in UTC to the second: `2026-11-18T09:14:03Z`.
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Whether a timestamp the PSA returned (ISO-8601, with or without fractional seconds) is the
    /// simulated time sent.
    static func matches(_ stamped: String, _ sent: Date) -> Bool {
        let parsed =
            (try? Date(stamped, strategy: .iso8601))
            ?? (try? Date(stamped, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        guard let parsed else { return false }
        return abs(parsed.timeIntervalSince(sent)) <= tolerance
    }
}
