import Hummingbird
import Testing
import UsageAnalytics

/// A flag call never outlasts its timeout, and a failing collector is not called on every flag call:
/// after a failure the client backs off and callers get their default at once. No timed assertions: the
/// timeout is injected, the backoff clock is moved by hand, and the suite's time limit is far below a hang.
@Suite("Flag calls are bounded", .timeLimit(.minutes(1)))
struct FlagTimeoutTests {
    let actor = AnalyticsActor(tenant: "acme", user: "42")

    @Test("a refused connection answers nil and the default, and captures nothing")
    func unreachable() async throws {
        let refused = try RefusedPort()
        let client = try FlagTestClient(
            host: "http://127.0.0.1:\(refused.port)", deployment: .hosted, timeout: .milliseconds(200))
        #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
        #expect(await client.analytics.isFeatureEnabled("beta", for: actor, default: true))
        #expect(await client.flags.refresh() == .failed)
        #expect(try await client.exposures().isEmpty)
    }

    @Test("a collector that never answers is abandoned at the injected timeout, then left alone while backing off")
    func hanging() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        server.hangEvaluations()
        try await server.serve { host in
            // The server hangs until the test ends, which is after these calls return: only the timeout ends the
            // first, and the backoff answers the others without a request.
            let client = try FlagTestClient(host: host, deployment: .onPremise, timeout: .milliseconds(200))
            for _ in 0..<20 {
                #expect(await client.analytics.isFeatureEnabled("beta", for: actor, default: true))
            }
            // One request for twenty calls (none if the loaded machine timed the first out before it arrived).
            #expect(server.evaluations.count <= 1)
            #expect(try await client.exposures().isEmpty)
        }
    }

    @Test("a failing collector is not called again until the backoff passes; then one probe, and success closes it")
    func backoffAfterFailure() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        server.fail(with: .serviceUnavailable)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
            // 503 is retried once within the same call.
            #expect(server.evaluations.count == 2)
            for _ in 0..<5 { #expect(await client.analytics.featureFlag("beta", for: actor) == nil) }
            #expect(server.evaluations.count == 2)

            client.clock.advance(by: .seconds(1))
            #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
            #expect(server.evaluations.count == 4)
            // The second failure in a row doubles the wait: one second more is not enough.
            client.clock.advance(by: .seconds(1))
            #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
            #expect(server.evaluations.count == 4)

            server.fail(with: nil)
            client.clock.advance(by: .seconds(1))
            #expect(await client.analytics.featureFlag("beta", for: actor)?.isEnabled == true)
            #expect(await client.analytics.featureFlag("beta", for: actor)?.isEnabled == true)
            #expect(server.evaluations.count == 6)
        }
    }

    @Test("a 502 or 504 is retried once within the call and the retry's answer returned, without backing off")
    func transientRetry() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true, variant: "test")
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            for status in [HTTPResponse.Status.badGateway, .gatewayTimeout] {
                server.fail(with: status, times: 1)
                #expect(await client.analytics.featureFlag("beta", for: actor)?.variant == "test")
            }
            #expect(server.evaluations.count == 4)
            #expect(await client.analytics.featureFlag("beta", for: actor)?.variant == "test")
            #expect(server.evaluations.count == 5)
        }
    }

    @Test("a failed definitions poll backs remote calls off too; a good poll lifts it")
    func pollFailureBacksOff() async throws {
        let server = FlagServer()
        server.answer("beta", enabled: true)
        server.serveDefinitions(["flags": [], "group_type_mapping": ["0": "tenant"]])
        server.fail(with: .internalServerError)
        try await server.serve { host in
            let client = try FlagTestClient(host: host, deployment: .hosted)
            #expect(await client.flags.refresh() == .failed)
            #expect(await client.analytics.featureFlag("beta", for: actor) == nil)
            #expect(server.evaluations.isEmpty)
            server.fail(with: nil)
            #expect(await client.flags.refresh() == .updated)
            #expect(await client.analytics.featureFlag("beta", for: actor)?.isEnabled == true)
            #expect(server.evaluations.count == 1)
        }
    }
}
