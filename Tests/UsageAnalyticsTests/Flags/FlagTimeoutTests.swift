import Testing
import UsageAnalytics

/// A flag call never outlasts its timeout: an unreachable or hanging collector gives the caller's default.
/// No timed assertions: the suite's time limit is far below the hang, and the timeout is injected.
@Suite("Flag calls are bounded", .timeLimit(.minutes(1)))
struct FlagTimeoutTests {
    let actor = AnalyticsActor(tenant: "acme", user: "42")

    @Test("a refused connection answers nil and the default, and captures nothing")
    func unreachable() async throws {
        let refused = try RefusedPort()
        // AsyncHTTPClient retries a refused connection until the deadline, so each call costs the whole timeout.
        let client = try FlagTestClient(
            host: "http://127.0.0.1:\(refused.port)", deployment: .hosted, timeout: .milliseconds(200))
        #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
        #expect(await client.analytics.isFeatureEnabled("beta", for: actor, default: true))
        #expect(await client.flags.refresh() == .failed)
        #expect(try await client.exposures().isEmpty)
    }

    @Test("a collector that never answers is abandoned at the injected timeout")
    func hanging() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        server.hangEvaluations()
        try await server.serve { host in
            // The server hangs until the test ends, which is after these calls return: only the timeout ends them.
            let client = try FlagTestClient(host: host, deployment: .onPremise, timeout: .milliseconds(200))
            #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
            #expect(await client.analytics.isFeatureEnabled("beta", for: actor, default: true))
            // At most one request per call, never a retry storm; under load a call can time out before its
            // request even arrives, so fewer is fine.
            #expect(server.evaluations.count <= 2)
            #expect(try await client.exposures().isEmpty)
        }
    }
}
