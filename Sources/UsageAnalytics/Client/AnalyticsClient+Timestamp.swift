import Foundation

extension AnalyticsClient {
    /// Queues a typed catalogue event that happened at `timestamp` (sent as the event's `timestamp`).
    public func capture<Event: AnalyticsEvent>(_ event: Event, actor: AnalyticsActor?, at timestamp: Date) {
        guard let exporter else { return }
        // Nanoseconds since 1970 fit an Int64 until 2262; anything else is stamped now.
        let seconds = timestamp.timeIntervalSince1970
        let nanoseconds = (0...9_000_000_000).contains(seconds) ? Int64((seconds * 1_000_000).rounded()) * 1_000 : nil
        exporter.enqueue(.typed(event), actor: actor, nanosecondsSince1970: nanoseconds)
    }
}
