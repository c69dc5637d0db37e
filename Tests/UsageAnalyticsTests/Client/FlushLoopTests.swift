import MetricsTestKit
import ServiceLifecycle
import Synchronization
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// The client's `Service`: flushAt, flush interval and shutdown, driven by an injected sleep.
@Suite("Flush loop")
struct FlushLoopTests {
    func client(
        flushAt: Int, recorder: RecordingDestination, sleeper: ManualSleeper, capacity: Int = 100,
        metrics: TestMetrics = TestMetrics()
    ) throws -> AnalyticsClient {
        var configuration = AnalyticsConfiguration()
        configuration.flushAt = flushAt
        configuration.bufferCapacity = capacity
        return try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
            destinations: [recorder], logger: .init(label: "test"), metricsFactory: metrics,
            noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly, sleep: sleeper.sleep)
    }

    func running<Result>(
        _ analytics: AnalyticsClient, _ body: () async throws -> Result
    ) async throws -> Result {
        let group = ServiceGroup(services: [analytics], logger: .init(label: "test"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    @Test("reaching flushAt delivers without waiting for the interval")
    func flushAtTriggers() async throws {
        let recorder = RecordingDestination()
        let sleeper = ManualSleeper()
        let analytics = try client(flushAt: 3, recorder: recorder, sleeper: sleeper)
        try await running(analytics) { () async throws in
            for _ in 0..<3 { analytics.capture(UserLoggedOut(userType: .internal), actor: nil) }
            await recorder.waitForEvents(count: 3)
            #expect(sleeper.completedSleeps == 0, "delivered before any interval elapsed")
            #expect(recorder.batches.map(\.count) == [3])
        }
    }

    @Test("the interval delivers events below flushAt")
    func intervalTriggers() async throws {
        let recorder = RecordingDestination()
        let sleeper = ManualSleeper()
        let analytics = try client(flushAt: 20, recorder: recorder, sleeper: sleeper)
        try await running(analytics) { () async throws in
            analytics.capture(UserLoggedOut(userType: .client), actor: nil)
            await sleeper.elapse()
            await recorder.waitForEvents(count: 1)
            #expect(try recorder.single(named: "user_logged_out").eventProperties == ["user_type": "client"])
        }
    }

    @Test("graceful shutdown flushes what is still queued")
    func shutdownFlushes() async throws {
        let recorder = RecordingDestination()
        let analytics = try client(flushAt: 20, recorder: recorder, sleeper: ManualSleeper())
        try await running(analytics) { () async throws in
            for _ in 0..<5 { analytics.capture(UserLoggedOut(userType: .internal), actor: nil) }
        }
        #expect(try recorder.events.count == 5)
        #expect(analytics.pendingCount == 0)
    }

    @Test("a full buffer refuses new events and counts them; capture never blocks")
    func bufferBound() async throws {
        let recorder = RecordingDestination()
        let metrics = TestMetrics()
        let analytics = try client(
            flushAt: 1_000, recorder: recorder, sleeper: ManualSleeper(), capacity: 10, metrics: metrics)
        for _ in 0..<25 { analytics.capture(UserLoggedOut(userType: .internal), actor: nil) }
        #expect(analytics.pendingCount == 10)
        await analytics.flush()
        #expect(try recorder.events.count == 10)
        #expect(try metrics.expectCounter("usage_analytics_events_captured_total").totalValue == 10)
        #expect(
            try metrics.expectCounter("usage_analytics_events_dropped_total", [("reason", "buffer_full")]).totalValue
                == 15)
    }
}

/// A sleep that returns only when the test says time has passed.
final class ManualSleeper: Sendable {
    private struct State {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var completed = 0
        var pendingElapses = 0
    }

    private let state = Mutex(State())

    var completedSleeps: Int { state.withLock { $0.completed } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { _ in
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { state in
                        if state.pendingElapses > 0 || Task.isCancelled {
                            state.pendingElapses = max(0, state.pendingElapses - 1)
                            state.completed += 1
                            return true
                        }
                        state.waiting.append(continuation)
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiting = self.state.withLock { state in
                    defer { state.waiting.removeAll() }
                    return state.waiting
                }
                for continuation in waiting { continuation.resume() }
            }
            try Task.checkCancellation()
        }
    }

    /// Lets one sleep finish: the one waiting now, or the next one to start.
    func elapse() async {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.pendingElapses += 1
                return nil
            }
            state.completed += 1
            return state.waiting.removeFirst()
        }
        continuation?.resume()
    }
}
