import Foundation

extension AnalyticsClient {
    /// Like ``featureFlag(_:for:personProperties:)``, for hosts that replay or simulate activity: the
    /// `$feature_flag_called` it may capture is stamped `time` rather than now, so that an exposure is never
    /// later than the events of the request that caused it (an experiment counts only events after exposure).
    ///
    /// ```swift
    /// let ranking = await analytics.featureFlag("ticket-search-ranking", for: actor, at: simulatedNow)
    /// ```
    public func featureFlag(
        _ key: String, for actor: AnalyticsActor, personProperties: [String: PropertyValue] = [:], at time: Date
    ) async -> FlagEvaluation? {
        guard let exporter, let flags else { return nil }
        guard let answer = await flags.evaluate(key, for: actor, personProperties: personProperties) else {
            return nil
        }
        if let exposure = answer.newExposure {
            if let nanoseconds = Self.nanosecondsSince1970(of: time) {
                exporter.enqueue(.featureFlagCalled(exposure), actor: actor, nanosecondsSince1970: nanoseconds)
            } else {
                exporter.metrics.recordDrop(.invalidTimestamp)
            }
        }
        return answer.evaluation
    }
}
