import Hummingbird
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsHummingbird
import UsageAnalyticsTesting

/// `api_error`: what leaves the process when a request fails.
@Suite("Error events", .timeLimit(.minutes(1)))
struct ErrorEventTests {
    @Test(
        "a thrown error is reported by type name with status 500, never its message, and reaches the client unchanged")
    func thrownError() async throws {
        let harness = try MiddlewareHarness()
        let clock = harness.clock
        harness.router.delete("/api/tickets/{id}") { _, _ -> HTTPResponse.Status in
            clock.advance(by: .microseconds(8_500))
            throw LedgerUnavailable()
        }
        let events = try await harness.run { client in
            let status = try await client.status(
                .delete, "/api/tickets/77123", headers: [.authorization: "Bearer abc"])
            #expect(status == 500)
        }
        #expect(events.map(\.name) == ["api_request", "api_error"])
        #expect(
            events[1].eventProperties == [
                "endpoint": "/api/tickets/{id}", "method": "DELETE", "error_type": "LedgerUnavailable",
                "error_code": 500, "duration_ms": 8.5, "has_auth": true,
            ])
        #expect(
            events[0].eventProperties == [
                "endpoint": "/api/tickets/{id}", "method": "DELETE", "status": 500, "duration_ms": 8.5,
                "has_auth": true, "is_slow": false,
            ])
        #expect(events.allSatisfy { !$0.wireText.contains("jane") })
    }

    @Test(
        "an HTTPResponseError reports the status the client gets",
        arguments: [
            (HTTPError(.notFound) as any Error & Sendable, 404, "HTTPError"),
            (HTTPError(.badRequest, message: "title is required"), 400, "HTTPError"),
            (HTTPError(.serviceUnavailable), 503, "HTTPError"),
            (QuotaExceeded(), 429, "QuotaExceeded"),
        ])
    func responseErrors(error: any Error & Sendable, status: Int, typeName: String) async throws {
        let harness = try MiddlewareHarness()
        harness.router.post("/api/tickets") { _, _ -> HTTPResponse.Status in throw error }
        let events = try await harness.run { client in
            try await client.expect(.post, "/api/tickets", status: status)
        }
        let failure = try harness.recorder.single(named: "api_error")
        #expect(failure.eventProperties["error_code"] == .int(status))
        #expect(failure.eventProperties["error_type"] == .string(typeName))
        #expect(try harness.recorder.single(named: "api_request").eventProperties["status"] == .int(status))
        #expect(events.count == 2)
    }

    @Test("an error thrown by an inner middleware is reported under the route it would have reached")
    func innerMiddleware() async throws {
        let harness = try MiddlewareHarness()
        harness.router.add(middleware: FailingInnerMiddleware())
        harness.router.get("/api/inner-failure") { _, _ in "never" }
        harness.router.get("/api/fine") { _, _ in "fine" }
        let events = try await harness.run { client in
            try await client.expect(.get, "/api/inner-failure", status: 500)
            try await client.expect(.get, "/api/fine", status: 200)
        }
        let failure = try harness.recorder.single(named: "api_error")
        #expect(
            failure.eventProperties == [
                "endpoint": "/api/inner-failure", "method": "GET", "error_type": "LedgerUnavailable", "error_code": 500,
                "duration_ms": 0, "has_auth": false,
            ])
        #expect(events.filter { $0.name == "api_request" }.count == 2)
    }

    @Test("a status of 500 or more without a throw is an api_error; 499 is not")
    func serverErrorStatus() async throws {
        let harness = try MiddlewareHarness()
        harness.router.get("/api/upstream") { _, _ in HTTPResponse.Status.badGateway }
        harness.router.get("/api/closed") { _, _ in HTTPResponse.Status(code: 499) }
        let events = try await harness.run { client in
            try await client.expect(.get, "/api/upstream", status: 502)
            try await client.expect(.get, "/api/closed", status: 499)
        }
        let failure = try harness.recorder.single(named: "api_error")
        #expect(
            failure.eventProperties == [
                "endpoint": "/api/upstream", "method": "GET", "error_type": "ServerErrorResponse", "error_code": 502,
                "duration_ms": 0, "has_auth": false,
            ])
        #expect(events.count == 3)
    }

    @Test("the thrown error is rethrown as the same instance")
    func rethrowIdentity() async throws {
        let thrown = MarkedFailure()
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder)
        let middleware = AnalyticsMiddleware<TestRequestContext, ManualClock>(
            analytics: analytics, configuration: AnalyticsConfiguration(), clock: ManualClock())
        let router = Router(context: TestRequestContext.self)
        router.add(middleware: CatchingMiddleware(expected: thrown))
        router.add(middleware: middleware)
        router.get("/boom") { _, _ -> String in throw thrown }
        try await Application(router: router).test(.router) { client in
            try await client.expect(.get, "/boom", status: 418)
        }
        await analytics.flush()
        #expect(try recorder.single(named: "api_error").eventProperties["error_type"] == "MarkedFailure")
    }

    @Test("generic error types are reported without their arguments")
    func genericErrorType() async throws {
        let harness = try MiddlewareHarness()
        harness.router.get("/api/wrapped") { _, _ -> String in throw Wrapped(payload: [1: "secret"]) }
        _ = try await harness.run { client in try await client.status(.get, "/api/wrapped") }
        #expect(try harness.recorder.single(named: "api_error").eventProperties["error_type"] == "Wrapped")
    }
}
