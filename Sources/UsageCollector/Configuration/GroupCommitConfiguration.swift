/// How the single writer groups events into durable commits.
public struct GroupCommitConfiguration: Sendable, Equatable {
    /// Commit as soon as this many events are waiting (N).
    public var maxEvents: Int
    /// Commit at the latest this long after the oldest waiting event arrived (T).
    public var maxDelay: Duration
    /// Refuse new requests with 503 while this many events are waiting: the back-pressure bound.
    public var maxPendingEvents: Int

    /// Creates a configuration.
    public init(maxEvents: Int = 2000, maxDelay: Duration = .milliseconds(2), maxPendingEvents: Int = 100_000) {
        self.maxEvents = maxEvents
        self.maxDelay = maxDelay
        self.maxPendingEvents = maxPendingEvents
    }
}
