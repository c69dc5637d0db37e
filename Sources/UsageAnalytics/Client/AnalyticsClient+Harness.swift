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

extension AnalyticsClient {
    /// Evaluates a flag for a subject taken verbatim: its distinct id, person and group properties go to
    /// `/flags` unfiltered, and `$feature_flag_called` is captured under that distinct id.
    ///
    /// Only for the PostHog SDK test harness adapter, whose contract requires the caller's values on the
    /// wire; ``featureFlag(_:for:personProperties:tenantProperties:)`` hashes ids and filters properties.
    /// - Parameters:
    ///   - forceRemote: Skips the polled definitions and asks the collector.
    ///   - disableGeoIP: The `geoip_disable` to send, else the flag client's.
    @_spi(Harness)
    public func featureFlag(
        _ key: String, verbatim subject: FlagSubject, forceRemote: Bool, disableGeoIP: Bool?
    ) async -> FlagEvaluation? {
        guard let exporter, let flags else { return nil }
        var subject = subject
        subject.distinctID = String(subject.distinctID.prefix(200))
        guard
            let answer = await flags.evaluate(
                key, subject: subject, forceRemote: forceRemote, disableGeoIP: disableGeoIP)
        else { return nil }
        if let exposure = answer.newExposure {
            exporter.enqueue(.featureFlagCalled(exposure), actor: nil, verbatimDistinctID: subject.distinctID)
        }
        return answer.evaluation
    }
}
