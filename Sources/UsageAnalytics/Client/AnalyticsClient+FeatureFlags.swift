import Foundation

extension AnalyticsClient {
    /// The value of flag `key` for `actor`, or `nil` (use your safe default) when analytics is off, no flag
    /// client is configured, or neither the polled definitions nor the collector decided within the flag
    /// timeout (`ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS`); while the collector is failing, at once.
    ///
    /// A flag per person is bucketed on the distinct id `actor`'s events are sent with (hashed; on-premise,
    /// the tenant's id). A tenant-aggregated flag (PostHog's group flag on the `tenant` group type) is
    /// bucketed on the tenant's group key, the same HMAC that `$groups.tenant` carries on every event, and
    /// its conditions match `tenantProperties`. Both property sets pass the generic events' privacy filter
    /// before they are sent. The first time an actor sees a value, `$feature_flag_called` is captured like
    /// any event (with `$groups`).
    ///
    /// Hosts that replay or simulate activity pass `time`: the `$feature_flag_called` is then stamped with it
    /// rather than now, so an exposure is never later than the events of the request that caused it (an
    /// experiment counts only events after exposure).
    ///
    /// ```swift
    /// let ordering = await analytics.featureFlag("ticket-ordering", for: actor, personProperties: ["plan": "pro"])
    /// ```
    public func featureFlag(
        _ key: String, for actor: AnalyticsActor, personProperties: [String: PropertyValue] = [:],
        tenantProperties: [String: PropertyValue] = [:], at time: Date? = nil
    ) async -> FlagEvaluation? {
        guard let exporter, let flags else { return nil }
        guard
            let answer = await flags.evaluate(
                key, for: actor, personProperties: personProperties, tenantProperties: tenantProperties)
        else { return nil }
        if let exposure = answer.newExposure {
            if let time {
                if let nanoseconds = Self.nanosecondsSince1970(of: time) {
                    exporter.enqueue(.featureFlagCalled(exposure), actor: actor, nanosecondsSince1970: nanoseconds)
                } else {
                    exporter.metrics.recordDrop(.invalidTimestamp)
                }
            } else {
                exporter.enqueue(.featureFlagCalled(exposure), actor: actor)
            }
        }
        return answer.evaluation
    }

    /// Whether flag `key` is on for `actor` (on any variant); `default` when the flag cannot be evaluated.
    public func isFeatureEnabled(
        _ key: String, for actor: AnalyticsActor, personProperties: [String: PropertyValue] = [:],
        tenantProperties: [String: PropertyValue] = [:], default defaultValue: Bool = false
    ) async -> Bool {
        await featureFlag(key, for: actor, personProperties: personProperties, tenantProperties: tenantProperties)?
            .isEnabled ?? defaultValue
    }
}
