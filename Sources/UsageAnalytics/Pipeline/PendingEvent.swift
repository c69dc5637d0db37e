import Foundation

/// An event as captured: everything the caller's task records, before any encoding.
struct PendingEvent: Sendable {
    enum Body: Sendable {
        case typed(any AnalyticsEvent)
        case generic(name: String, properties: [String: PropertyValue])
        /// PostHog's `$feature_flag_called`, captured by ``AnalyticsClient/featureFlag(_:for:personProperties:)``.
        case featureFlagCalled(FlagExposure)
    }

    let uuid: UUID
    let nanosecondsSince1970: Int64
    let actor: AnalyticsActor?
    let body: Body
    /// A distinct id given verbatim by the caller (the PostHog test harness only).
    var verbatimDistinctID: String? = nil
}
