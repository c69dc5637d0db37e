import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsHummingbird
import UsageAnalyticsTesting

/// `api_request` and `slow_query`: what leaves the process for requests that succeed.
@Suite("Request events", .timeLimit(.minutes(1)))
struct RequestEventTests {
    @Test("a parameterised route is labelled by its template, never the raw id, with exact properties")
    func routeTemplate() async throws {
        let harness = try MiddlewareHarness()
        let clock = harness.clock
        harness.router.get("/api/tickets/{id}") { _, _ in
            clock.advance(by: .microseconds(12_250))
            return "ticket"
        }
        harness.router.patch("/api/tickets/:id/comments/{comment}") { _, _ in HTTPResponse.Status.noContent }
        let events = try await harness.run { client in
            try await client.expect(.get, "/api/tickets/48213", status: 200)
            try await client.expect(.patch, "/api/tickets/48213/comments/99871", status: 204)
        }
        #expect(events.map(\.name) == ["api_request", "api_request"])
        #expect(
            events[0].eventProperties == [
                "endpoint": "/api/tickets/{id}", "method": "GET", "status": 200, "duration_ms": 12.25,
                "has_auth": false, "is_slow": false,
            ])
        #expect(
            events[1].eventProperties == [
                "endpoint": "/api/tickets/{id}/comments/{comment}", "method": "PATCH", "status": 204, "duration_ms": 0,
                "has_auth": false, "is_slow": false,
            ])
        #expect(events.allSatisfy { !$0.wireText.contains("48213") })
    }

    @Test("a request that matched no route is labelled by the placeholder, for any path or method")
    func unmatchedRoute() async throws {
        let harness = try MiddlewareHarness()
        harness.router.get("/api/tickets") { _, _ in "list" }
        let events = try await harness.run { client in
            try await client.expect(.get, "/api/nothing/here/12345", status: 404)
            try await client.expect(.delete, "/api/tickets", status: 404)
        }
        let requests = events.filter { $0.name == "api_request" }
        #expect(requests.map { $0.eventProperties["endpoint"] } == ["<unmatched>", "<unmatched>"])
        #expect(requests.map { $0.eventProperties["status"] } == [404, 404])
        #expect(requests.map { $0.eventProperties["method"] } == ["GET", "DELETE"])
        #expect(AnalyticsMiddleware<TestRequestContext, ManualClock>.unmatchedEndpoint == "<unmatched>")
    }

    @Test("is_slow and slow_query use their own thresholds, both strictly")
    func slowThresholds() async throws {
        let harness = try MiddlewareHarness()
        let clock = harness.clock
        for (path, elapsed) in [
            ("/at-request-threshold", Duration.milliseconds(1_000)),
            ("/over-request-threshold", .milliseconds(1_000) + .microseconds(500)),
            ("/at-query-threshold", .milliseconds(2_000)),
            ("/over-query-threshold", .milliseconds(2_000) + .microseconds(500)),
        ] {
            harness.router.post(RouterPath(path)) { _, _ in
                clock.advance(by: elapsed)
                return HTTPResponse.Status.created
            }
        }
        let events = try await harness.run { client in
            for path in ["/at-request-threshold", "/over-request-threshold", "/at-query-threshold"] {
                try await client.status(.post, path)
            }
            try await client.status(.post, "/over-query-threshold")
        }
        let requests = try harness.recorder.events(named: "api_request")
        #expect(requests.map { $0.eventProperties["is_slow"] } == [false, true, true, true])
        #expect(requests.map { $0.eventProperties["duration_ms"] } == [1_000, 1_000.5, 2_000, 2_000.5])
        let slow = try harness.recorder.single(named: "slow_query")
        #expect(
            slow.eventProperties == [
                "endpoint": "/over-query-threshold", "method": "POST", "duration_ms": 2_000.5,
                "threshold_exceeded": "2s",
            ])
        #expect(events.count == 5)
    }

    @Test(
        "threshold_exceeded spells the configured threshold in Go's duration notation",
        arguments: [
            (1_500, "1.5s"), (3_000, "3s"), (250, "250ms"), (2_025, "2.025s"), (90_000, "1m30s"),
            (3_600_000, "1h0m0s"), (3_599_999, "59m59.999s"), (0, "0s"),
        ])
    func thresholdLabel(milliseconds: Int, label: String) async throws {
        var configuration = MiddlewareHarness.configuration
        configuration.slowQueryThreshold = .milliseconds(milliseconds)
        let harness = try MiddlewareHarness(configuration: configuration)
        let clock = harness.clock
        harness.router.get("/report") { _, _ in
            clock.advance(by: .milliseconds(milliseconds + 1))
            return "done"
        }
        _ = try await harness.run { client in try await client.status(.get, "/report") }
        let slow = try harness.recorder.single(named: "slow_query")
        #expect(slow.eventProperties["threshold_exceeded"] == .string(label))
        #expect(slow.eventProperties["duration_ms"] == .int(milliseconds + 1))
    }

    @Test("has_auth is whether the request carried an Authorization header, never its value")
    func hasAuth() async throws {
        let harness = try MiddlewareHarness()
        harness.router.get("/api/me") { _, _ in "me" }
        let events = try await harness.run { client in
            try await client.status(.get, "/api/me", headers: [.authorization: "Bearer s3cr3t-t0ken-value"])
            try await client.status(.get, "/api/me")
        }
        #expect(events.map { $0.eventProperties["has_auth"] } == [true, false])
        #expect(events.allSatisfy { !$0.wireText.contains("s3cr3t") })
    }

    @Test("the actor the authenticator put in the context is the event's distinct_id; none means the installation's")
    func actorFromContext() async throws {
        let harness = try MiddlewareHarness()
        harness.router.get("/api/tickets") { _, _ in "list" }
        let events = try await harness.run { client in
            try await client.status(
                .get, "/api/tickets", headers: [HeaderAuthenticator.tenant: "acme", HeaderAuthenticator.user: "42"])
            try await client.status(.get, "/api/tickets")
        }
        harness.analytics.capture(UserLoggedOut(userType: .internal), actor: nil)
        await harness.analytics.flush()
        let installationEvent = try harness.recorder.single(named: "user_logged_out")
        #expect(events.map(\.distinctID) == ["user_42", installationEvent.distinctID])
        #expect(installationEvent.distinctID.hasPrefix("i_"))
        #expect(events[0].properties["$groups"] != nil)
    }

    @Test("the context's event time is the wire timestamp; without one, events are stamped now")
    func eventTime() async throws {
        let harness = try MiddlewareHarness()
        let clock = harness.clock
        harness.router.get("/api/search") { _, _ in
            clock.advance(by: .seconds(3))
            return "results"
        }
        let before = Date()
        let events = try await harness.run { client in
            try await client.status(.get, "/api/search", headers: [HeaderAuthenticator.time: "1767225600.25"])
            try await client.status(.get, "/api/search")
        }
        #expect(events.map(\.name) == ["api_request", "slow_query", "api_request", "slow_query"])
        #expect(events[0...1].map(\.timestamp) == ["2026-01-01T00:00:00.250Z", "2026-01-01T00:00:00.250Z"])
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let stamped = try #require(formatter.date(from: events[2].timestamp))
        #expect(stamped.timeIntervalSince(before) > -0.002)
    }

    @Test("a context without its own eventTime gets the default: now")
    func defaultEventTime() async throws {
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient.recording(into: recorder, configuration: MiddlewareHarness.configuration)
        let router = Router(context: PlainRequestContext.self)
        router.add(
            middleware: AnalyticsMiddleware(analytics: analytics, configuration: MiddlewareHarness.configuration))
        router.get("/api/health") { _, _ in "ok" }
        let before = Date()
        try await Application(router: router).test(.router) { client in
            try await client.expect(.get, "/api/health", status: 200)
        }
        await analytics.flush()
        let event = try recorder.single(named: "api_request")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(try #require(formatter.date(from: event.timestamp)).timeIntervalSince(before) > -0.002)
        #expect(event.distinctID == "user_7")
        #expect(event.eventProperties["endpoint"] == "/api/health")
    }

    @Test("a disabled client lets requests through and sends nothing")
    func disabledClient() async throws {
        var configuration = MiddlewareHarness.configuration
        configuration.isEnabled = false
        let harness = try MiddlewareHarness(configuration: configuration)
        harness.router.get("/api/tickets") { _, _ in "list" }
        let events = try await harness.run { client in
            try await client.expect(.get, "/api/tickets", status: 200)
        }
        #expect(events.isEmpty)
    }
}
