import Foundation
import Testing

@testable import UsageAnalytics

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test(
        "statuses map to retry, drop or split",
        arguments: [
            (408, "retry"), (429, "retry"), (500, "retry"), (502, "retry"), (503, "retry"), (504, "retry"),
            (400, "drop"), (401, "drop"), (403, "drop"), (404, "drop"), (413, "split"),
        ])
    func statusDecisions(status: Int, expected: String) throws {
        let failure = try #require(DeliveryFailure.forStatus(status))
        let decision = policy.decision(after: failure, retriesSoFar: 0, batchSize: 10, jitter: 1)
        switch (decision, expected) {
        case (.retry, "retry"), (.drop, "drop"), (.split, "split"): break
        default: Issue.record("\(status) gave \(decision)")
        }
    }

    @Test("2xx is not a failure")
    func success() {
        #expect(DeliveryFailure.forStatus(200) == nil && DeliveryFailure.forStatus(204) == nil)
    }

    @Test("backoff doubles from 500 ms, jitter moves it within its upper half, and it never exceeds 30 s")
    func backoff() {
        let ceilings = (0..<8).map { policy.backoff(retriesSoFar: $0, jitter: 1) }
        #expect(
            ceilings == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30),
                .seconds(30),
            ])
        #expect(policy.backoff(retriesSoFar: 3, jitter: 0) == .seconds(2))
        #expect(policy.backoff(retriesSoFar: 3, jitter: 0.5) == .seconds(3))
        #expect(policy.backoff(retriesSoFar: 0, jitter: 0) == .milliseconds(250))
        #expect(policy.backoff(retriesSoFar: 1_000, jitter: 1) == .seconds(30))
    }

    @Test("Retry-After wins over the computed delay, capped at the maximum")
    func retryAfter() {
        let soon = DeliveryFailure(kind: .transient, statusCode: 429, retryAfter: .seconds(3), reason: "")
        let late = DeliveryFailure(kind: .transient, statusCode: 429, retryAfter: .seconds(600), reason: "")
        #expect(policy.decision(after: soon, retriesSoFar: 0, batchSize: 1, jitter: 1) == .retry(after: .seconds(3)))
        #expect(policy.decision(after: late, retriesSoFar: 0, batchSize: 1, jitter: 1) == .retry(after: .seconds(30)))
    }

    @Test("after the last retry the batch is kept for a later flush")
    func keepForLater() {
        let failure = DeliveryFailure(kind: .transient, reason: "network error")
        #expect(policy.decision(after: failure, retriesSoFar: 2, batchSize: 1, jitter: 1) != .keepForLater)
        #expect(policy.decision(after: failure, retriesSoFar: 3, batchSize: 1, jitter: 1) == .keepForLater)
        let none = RetryPolicy(maximumRetries: 0)
        #expect(none.decision(after: failure, retriesSoFar: 0, batchSize: 1, jitter: 1) == .keepForLater)
    }

    @Test("413 on a single event drops it")
    func singleTooLarge() {
        let failure = DeliveryFailure(kind: .tooLarge, statusCode: 413, reason: "")
        #expect(policy.decision(after: failure, retriesSoFar: 0, batchSize: 1, jitter: 1) == .drop)
    }

    @Test(
        "Retry-After is read as seconds or as an HTTP date",
        arguments: [
            ("120", Duration.seconds(120)), (" 5 ", .seconds(5)), ("Thu, 26 Nov 2026 22:01:00 GMT", .seconds(60)),
        ])
    func parseRetryAfter(value: String, expected: Duration) {
        let now = Date(timeIntervalSince1970: 1_795_730_400)  // 2026-11-26T22:00:00Z
        #expect(PostHogDestination.parseRetryAfter(value, now: now) == expected)
    }

    @Test("malformed Retry-After values are ignored", arguments: ["-1", "soon", "", "1e9999"])
    func badRetryAfter(value: String) {
        #expect(PostHogDestination.parseRetryAfter(value) == nil)
    }

    @Test("batches hold at most 100 events and 5 MiB, and an oversized event travels alone")
    func batchPlanner() {
        let planner = BatchPlanner()
        #expect(planner.nextBatchCount(sizes: Array(repeating: 400, count: 250)) == 100)
        #expect(planner.nextBatchCount(sizes: Array(repeating: 2 << 20, count: 5)) == 2)
        #expect(planner.nextBatchCount(sizes: [9 << 20, 10]) == 1)
        #expect(planner.nextBatchCount(sizes: [10, 9 << 20]) == 1)
        #expect(planner.nextBatchCount(sizes: []) == 0)
    }
}
