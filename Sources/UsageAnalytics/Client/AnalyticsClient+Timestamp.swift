import Foundation

extension AnalyticsClient {
    /// Queues a typed catalogue event that happened at `time` rather than now.
    ///
    /// For hosts that replay or simulate activity: the event's `timestamp` on the wire, and the
    /// time part of its UUIDv7, are `time` (to the millisecond). A time before 1970 or after 2255
    /// cannot be sent; such an event is refused and counted as dropped (`reason="invalid_timestamp"`).
    ///
    /// ```swift
    /// analytics.capture(TicketCreated(...), actor: actor, at: simulatedNow)
    /// ```
    public func capture<Event: AnalyticsEvent>(_ event: Event, actor: AnalyticsActor?, at time: Date) {
        guard let exporter else { return }
        guard let nanoseconds = Self.nanosecondsSince1970(of: time) else {
            exporter.metrics.recordDrop(.invalidTimestamp)
            return
        }
        _ = exporter.enqueue(.typed(event), actor: actor, nanosecondsSince1970: nanoseconds)
    }

    /// `time` as nanoseconds since 1970, to the microsecond, or `nil` when an `Int64` of
    /// nanoseconds cannot hold it (before 1970 or after 2255).
    static func nanosecondsSince1970(of time: Date) -> Int64? {
        let seconds = time.timeIntervalSince1970
        guard (0...9_000_000_000).contains(seconds) else { return nil }
        return Int64((seconds * 1_000_000).rounded()) * 1_000
    }
}
