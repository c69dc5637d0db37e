import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsHummingbird
import UsageAnalyticsTesting

/// `OperationTimer`: `slow_operation` and `operation_error` around a service's work.
@Suite("Operation timer", .timeLimit(.minutes(1)))
struct OperationTimerTests {
    let recorder = RecordingDestination()
    let analytics: AnalyticsClient
    let clock = ManualClock()
    let operations: OperationTimer<ManualClock>
    let actor = AnalyticsActor(tenant: "acme", user: "42")

    init() throws {
        let configuration = MiddlewareHarness.configuration
        analytics = try AnalyticsClient.recording(into: recorder, configuration: configuration)
        operations = OperationTimer(analytics: analytics, configuration: configuration, clock: clock)
    }

    @Test("a slow operation returns its value and emits slow_operation with exact properties")
    func slowOperation() async throws {
        let clock = clock
        let results = await operations.measure("ticket.search", actor: actor) {
            clock.advance(by: .milliseconds(742) + .microseconds(500))
            return ["T-1", "T-2"]
        }
        #expect(results == ["T-1", "T-2"])
        await analytics.flush()
        let event = try recorder.single(named: "slow_operation")
        #expect(
            event.eventProperties == [
                "operation": "ticket.search", "duration_ms": 742.5, "threshold_ms": 500,
            ])
        #expect(event.distinctID == "user_42")
        #expect(try recorder.events.count == 1)
    }

    @Test("at or under the threshold nothing is sent: the comparison is strict")
    func fastOperation() async throws {
        let clock = clock
        for elapsed in [Duration.zero, .milliseconds(499), .milliseconds(500)] {
            let value = await operations.measure("ticket.create", actor: actor) {
                clock.advance(by: elapsed)
                return 7
            }
            #expect(value == 7)
        }
        await analytics.flush()
        #expect(try recorder.events.isEmpty)
    }

    @Test("a throwing operation emits operation_error by type name and rethrows the same error")
    func throwingOperation() async throws {
        let thrown = SearchIndexCorrupted()
        await #expect(throws: thrown) {
            try await operations.measure("ticket.search", actor: nil) { () throws(SearchIndexCorrupted) -> Int in
                throw thrown
            }
        }
        await analytics.flush()
        let event = try recorder.single(named: "operation_error")
        #expect(event.eventProperties == ["operation": "ticket.search", "error_type": "SearchIndexCorrupted"])
        #expect(event.distinctID.hasPrefix("i_"))
        #expect(!event.wireText.contains("jane"))
        #expect(try recorder.events.count == 1)
    }

    @Test("the very error instance is rethrown, with its type kept by typed throws")
    func rethrowIdentity() async throws {
        let thrown = MarkedFailure()
        do {
            _ = try await operations.measure("ticket.delete", actor: actor) { () throws(MarkedFailure) -> Bool in
                throw thrown
            }
            Issue.record("the error was swallowed")
        } catch {
            // `error` is statically a MarkedFailure: typed throws carried the type through.
            #expect(error === thrown)
        }
        await analytics.flush()
        #expect(try recorder.single(named: "operation_error").eventProperties["error_type"] == "MarkedFailure")
    }

    @Test("a slow operation that throws emits both events, stamped with the given time")
    func slowAndThrowing() async throws {
        let clock = clock
        let simulated = Date(timeIntervalSince1970: 1_767_225_600)
        await #expect(throws: SearchIndexCorrupted.self) {
            try await operations.measure("ticket.search", actor: actor, at: simulated) {
                clock.advance(by: .seconds(30))
                throw SearchIndexCorrupted()
            }
        }
        await analytics.flush()
        let events = try recorder.events
        #expect(events.map(\.name) == ["slow_operation", "operation_error"])
        #expect(events[0].eventProperties["duration_ms"] == 30_000)
        #expect(events.map(\.timestamp) == ["2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"])
    }

    @Test("the threshold comes from the configuration, and a disabled client only runs the work")
    func configuredThreshold() async throws {
        var configuration = MiddlewareHarness.configuration
        configuration.slowOperationThreshold = .milliseconds(50)
        let timer = OperationTimer(analytics: analytics, configuration: configuration, clock: clock)
        var disabled = configuration
        disabled.isEnabled = false
        let silentRecorder = RecordingDestination()
        let silent = OperationTimer(
            analytics: try AnalyticsClient.recording(into: silentRecorder, configuration: disabled),
            configuration: disabled, clock: clock)
        let clock = clock
        for measuring in [timer, silent] {
            let value = await measuring.measure("invoice.render", actor: actor) {
                clock.advance(by: .milliseconds(51))
                return "pdf"
            }
            #expect(value == "pdf")
        }
        await analytics.flush()
        #expect(try recorder.single(named: "slow_operation").eventProperties["threshold_ms"] == 50)
        #expect(try silentRecorder.events.isEmpty)
    }

    @Test("work isolated to an actor is timed in place and its value returned")
    func actorIsolatedWork() async throws {
        let index = TicketIndex(operations: operations, clock: clock)
        #expect(await index.search("VPN") == ["VPN drops"])
        await analytics.flush()
        #expect(try recorder.single(named: "slow_operation").eventProperties["duration_ms"] == 600)
    }
}
