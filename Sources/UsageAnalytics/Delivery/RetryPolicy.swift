/// Decides what happens after a failed delivery attempt. Pure: no clock, no I/O.
///
/// Transient failures are retried with exponential backoff and jitter, capped at
/// ``maximumDelay``; a `Retry-After` the destination sent wins over the computed delay (capped
/// too). After ``maximumRetries`` retries the batch stays spooled for a later flush.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt before the batch is left for a later flush.
    public var maximumRetries: Int
    /// The delay before the first retry, before jitter.
    public var initialDelay: Duration
    /// The longest wait between attempts.
    public var maximumDelay: Duration

    /// A policy; the defaults are 3 retries from 500 ms, capped at 30 s.
    public init(
        maximumRetries: Int = 3, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30)
    ) {
        self.maximumRetries = maximumRetries
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// What to do with a batch after a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Try again after this delay.
        case retry(after: Duration)
        /// Drop the batch: the destination will never accept it.
        case drop
        /// Split the batch in halves and send each (a single event is dropped instead).
        case split
        /// Stop for now; the batch stays in the spool for the next flush.
        case keepForLater
    }

    /// The decision after `failure` on attempt number `retriesSoFar + 1`, with `jitter` in 0...1.
    public func decision(after failure: DeliveryFailure, retriesSoFar: Int, batchSize: Int, jitter: Double) -> Decision
    {
        switch failure.kind {
        case .rejected:
            return .drop
        case .tooLarge:
            return batchSize > 1 ? .split : .drop
        case .transient:
            guard retriesSoFar < maximumRetries else { return .keepForLater }
            if let retryAfter = failure.retryAfter {
                return .retry(after: min(retryAfter, maximumDelay))
            }
            return .retry(after: backoff(retriesSoFar: retriesSoFar, jitter: jitter))
        }
    }

    /// Exponential backoff with "equal jitter": half of initial × 2^retries, plus a random part of
    /// the other half, capped. The fixed half keeps retries from hammering a struggling server.
    func backoff(retriesSoFar: Int, jitter: Double) -> Duration {
        let exponent = min(retriesSoFar, 30)
        let ceiling = min(initialDelay * (1 << exponent), maximumDelay)
        let fraction = max(0, min(jitter, 1))
        return ceiling / 2 + (ceiling / 2) * fraction
    }
}
