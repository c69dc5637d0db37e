/// Somewhere encoded events go: PostHog, the local collector, or a test's recorder.
public protocol AnalyticsDestination: Sendable {
    /// A short name for logs and metrics, such as `posthog` or `collector`.
    var name: String { get }

    /// Delivers `events`, in order; throws when they were not accepted.
    func deliver(_ events: [EncodedEvent]) async throws
}
