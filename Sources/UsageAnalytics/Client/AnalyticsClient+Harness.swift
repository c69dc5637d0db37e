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
        var nanoseconds: Int64? = nil
        if let timestamp {
            guard let representable = Self.nanosecondsSince1970(of: timestamp) else { return nil }
            nanoseconds = representable
        }
        return exporter.enqueue(
            .generic(name: name, properties: properties), actor: nil, nanosecondsSince1970: nanoseconds,
            verbatimDistinctID: String(verbatimDistinctID.prefix(200)))
    }
}
