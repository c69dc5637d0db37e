/// A clock as the collector's services use it: time elapsed since the clock was made, and sleeping until an
/// elapsed time. Any `Clock` becomes one, so services take an injected clock (tests pass one they advance by
/// hand) without being generic over it.
public struct ElapsedClock: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`.
    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        self.elapsed = { origin.duration(to: clock.now) }
        self.sleeper = { try await clock.sleep(until: origin.advanced(by: $0), tolerance: nil) }
    }

    /// The system's monotonic clock.
    public static var continuous: ElapsedClock { ElapsedClock(ContinuousClock()) }

    /// Time since the clock was made.
    public var now: Duration { self.elapsed() }

    /// Suspends until `deadline` (a value of ``now``) has passed; throws when the task is cancelled.
    public func sleep(until deadline: Duration) async throws {
        try await self.sleeper(deadline)
    }

    /// Suspends for `duration`.
    public func sleep(for duration: Duration) async throws {
        try await self.sleeper(self.now + duration)
    }
}
