import Testing

@testable import UsageAnalytics

/// The flag client's backoff on its own: a pure state machine over injected instants.
@Suite("Flag backoff")
struct FlagBackoffTests {
    let start = ContinuousClock.now

    /// Asks `backoff` at each offset from `start`, in order, and returns its answers.
    private func admissions(_ backoff: inout FlagBackoff, at offsets: [Duration]) -> [Bool] {
        offsets.map { backoff.admit(at: start + $0) }
    }

    @Test("healthy: every call goes out")
    func healthy() {
        var backoff = FlagBackoff()
        #expect(admissions(&backoff, at: Array(repeating: .zero, count: 5)) == Array(repeating: true, count: 5))
    }

    @Test("after a failure calls are skipped until the delay passes, then exactly one probe goes out")
    func oneProbe() {
        var backoff = FlagBackoff(initialDelay: .seconds(1), maximumDelay: .seconds(60))
        backoff.recordFailure(at: start)
        let answers = admissions(
            &backoff, at: [.zero, .milliseconds(999), .seconds(1), .seconds(1), .seconds(5)])
        #expect(answers == [false, false, true, false, false])
        backoff.recordSuccess()
        #expect(admissions(&backoff, at: [.seconds(5), .seconds(5)]) == [true, true])
    }

    @Test("the delay doubles with each failure in a row, up to the maximum, and a success resets it")
    func doubling() {
        var backoff = FlagBackoff(initialDelay: .seconds(1), maximumDelay: .seconds(10))
        var delays: [Duration] = []
        for _ in 0..<6 {
            backoff.recordFailure(at: start)
            delays.append(backoff.delay)
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        backoff.recordSuccess()
        #expect(backoff.delay == .zero)
        backoff.recordFailure(at: start)
        #expect(backoff.delay == .seconds(1))
        for _ in 0..<100 { backoff.recordFailure(at: start) }
        #expect(backoff.delay == .seconds(10))
    }

    @Test("a failed probe opens a longer window; a probe whose caller gave up lets another probe")
    func probeOutcomes() {
        var backoff = FlagBackoff(initialDelay: .seconds(1), maximumDelay: .seconds(60))
        backoff.recordFailure(at: start)
        #expect(admissions(&backoff, at: [.seconds(1)]) == [true])
        backoff.recordFailure(at: start + .seconds(1))
        #expect(admissions(&backoff, at: [.seconds(2), .seconds(3)]) == [false, true])
        backoff.releaseProbe()
        #expect(admissions(&backoff, at: [.seconds(3)]) == [true])
    }
}
