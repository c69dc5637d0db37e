import Hummingbird
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsHummingbird
import UsageAnalyticsTesting

/// What the middleware reports for unusual, oversized and hostile requests.
@Suite("Hostile requests", .timeLimit(.minutes(1)))
struct HostileRequestTests {
    @Test(
        "each method is reported by its name, and any other as OTHER",
        arguments: [
            (HTTPRequest.Method.get, "GET"), (.head, "HEAD"), (.post, "POST"), (.put, "PUT"), (.patch, "PATCH"),
            (.delete, "DELETE"), (.options, "OPTIONS"), (HTTPRequest.Method("PURGE")!, "OTHER"),
            (.connect, "OTHER"), (.trace, "OTHER"),
        ])
    func methods(method: HTTPRequest.Method, name: String) async throws {
        let harness = try MiddlewareHarness()
        harness.router.on("/api/cache/{key}", method: method) { _, _ in HTTPResponse.Status.accepted }
        let events = try await harness.run { client in
            try await client.expect(method, "/api/cache/k1", status: 202)
        }
        #expect(events.map { $0.eventProperties["method"] } == [.string(name)])
        #expect(events.map { $0.eventProperties["endpoint"] } == ["/api/cache/{key}"])
    }

    @Test("an oversized path full of personal data and a huge credential leave nothing but the placeholder")
    func oversizedInput() async throws {
        let harness = try MiddlewareHarness()
        harness.router.get("/api/tickets") { _, _ in "list" }
        let path = "/api/" + String(repeating: "jane.doe@example.com/4111111111111111/", count: 1_500)
        let credential = "Bearer " + String(repeating: "Zm9vYmFy", count: 2_000)
        let events = try await harness.run { client in
            try await client.expect(.get, path, headers: [.authorization: credential], status: 404)
            try await client.expect(.get, "/api/tickets?q=jane.doe@example.com&owner=48213", status: 200)
        }
        #expect(
            events.map(\.eventProperties) == [
                [
                    "endpoint": "<unmatched>", "method": "GET", "status": 404, "duration_ms": 0, "has_auth": true,
                    "is_slow": false,
                ],
                [
                    "endpoint": "<unmatched>", "method": "GET", "error_type": "HTTPError", "error_code": 404,
                    "duration_ms": 0, "has_auth": true,
                ],
                [
                    "endpoint": "/api/tickets", "method": "GET", "status": 200, "duration_ms": 0, "has_auth": false,
                    "is_slow": false,
                ],
            ])
        for text in events.map(\.wireText) {
            #expect(
                !text.contains("jane") && !text.contains("4111111111") && !text.contains("Zm9v")
                    && !text.contains("48213"))
        }
    }
}
