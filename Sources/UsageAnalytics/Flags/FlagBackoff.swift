/// Whether the flag client may call the collector now, after failures: a pure state machine, apart from I/O.
///
/// After a failed poll or remote evaluation, remote evaluations are skipped (the caller gets its safe
/// default at once, without a request) for a delay that doubles with each consecutive failure, from
/// ``initialDelay`` up to ``maximumDelay``. When the delay has passed, one caller probes and the others
/// keep skipping until the probe's outcome is recorded, so a collector that comes back is not met by a
/// storm. Any success closes it.
struct FlagBackoff: Sendable, Hashable {
    /// The first delay after a success is followed by a failure.
    let initialDelay: Duration
    /// The longest delay, however many failures follow each other.
    let maximumDelay: Duration
    /// Failures since the last success.
    private(set) var consecutiveFailures = 0
    private var retryAt: ContinuousClock.Instant?
    private var isProbing = false

    init(initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(60)) {
        self.initialDelay = initialDelay
        self.maximumDelay = max(initialDelay, maximumDelay)
    }

    /// Whether a remote call may go out at `now`; when it does after failures, it is the one probe.
    mutating func admit(at now: ContinuousClock.Instant) -> Bool {
        guard let retryAt else { return true }
        guard now >= retryAt, !isProbing else { return false }
        isProbing = true
        return true
    }

    /// The collector answered.
    mutating func recordSuccess() {
        consecutiveFailures = 0
        retryAt = nil
        isProbing = false
    }

    /// The probe ended without an answer either way (its caller was cancelled): another caller may probe.
    mutating func releaseProbe() {
        isProbing = false
    }

    /// A call or poll failed at `now`: the next remote call waits ``delay`` from here.
    mutating func recordFailure(at now: ContinuousClock.Instant) {
        consecutiveFailures += 1
        isProbing = false
        retryAt = now + delay
    }

    /// The wait after the current run of failures: `initialDelay × 2^(failures − 1)`, at most `maximumDelay`.
    var delay: Duration {
        guard consecutiveFailures > 0 else { return .zero }
        let doublings = min(consecutiveFailures - 1, 20)
        return min(initialDelay * (1 << doublings), maximumDelay)
    }
}
