import Synchronization

/// A clock that moves only when a test advances it, so durations are exact and nothing sleeps.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves time forward, as if `duration` passed.
    func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    /// The code under test never sleeps; should it, time jumps to the deadline instead of waiting.
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        current.withLock { $0 = Swift.max($0, deadline) }
    }
}
