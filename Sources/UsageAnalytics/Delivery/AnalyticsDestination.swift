/// Somewhere encoded events go: PostHog, the local collector, or a test's recorder.
///
/// Each destination gets its own spool and retry state from the client.
public protocol AnalyticsDestination: Sendable {
    /// A short, unique name of letters, digits, `-` and `_`; it names the destination's spool
    /// directory and appears in logs and metrics.
    var name: String { get }

    /// Delivers `events`, in order.
    /// - Throws: ``DeliveryFailure`` saying whether to retry, drop or split; any other error is
    ///   treated as a transient network failure.
    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt
}

/// What a destination says about an accepted batch.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The HTTP status, for HTTP destinations.
    public var statusCode: Int?

    /// A receipt with `statusCode`.
    public init(statusCode: Int? = nil) {
        self.statusCode = statusCode
    }
}
