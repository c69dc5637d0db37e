import Foundation

extension AnalyticsClient {
    /// Captures a generic event under a distinct id the caller chose, sent verbatim, at a given time.
    ///
    /// Only for the PostHog SDK test harness adapter, whose contract requires the caller's
    /// `distinct_id` on the wire. Everything else goes through the real pipeline: name checks,
    /// the sanitizer, policy, spool and delivery. Never use it with personal data.
    /// - Returns: The event's UUID, or `nil` when the event was refused.
    @_spi(Harness)
    public func capture(
        event name: String, properties: [String: PropertyValue], verbatimDistinctID: String, timestamp: Date?
    ) -> UUID? {
        guard let exporter, acceptsGenericEvent(named: name) else { return nil }
        // Nanoseconds since 1970 fit an Int64 until 2262; refuse what cannot be represented.
        if let timestamp, !(0...9_000_000_000).contains(timestamp.timeIntervalSince1970) { return nil }
        let nanoseconds = timestamp.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) * 1_000 }
        return exporter.enqueue(
            .generic(name: name, properties: properties), actor: nil, nanosecondsSince1970: nanoseconds,
            verbatimDistinctID: String(verbatimDistinctID.prefix(200)))
    }
}
