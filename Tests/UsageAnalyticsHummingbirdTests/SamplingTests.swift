import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import UsageAnalytics
import UsageAnalyticsHummingbird
import UsageAnalyticsTesting

/// `ANALYTICS_API_REQUEST_SAMPLE_RATE`: which `api_request` events are kept, and that the others never are sampled.
@Suite("Sampling", .timeLimit(.minutes(1)))
struct SamplingTests {
    static func harness(rate: Double, random: @escaping @Sendable () -> Double) throws -> MiddlewareHarness {
        var configuration = MiddlewareHarness.configuration
        configuration.apiRequestSampleRate = rate
        let harness = try MiddlewareHarness(configuration: configuration, random: random)
        let clock = harness.clock
        harness.router.get("/api/tickets") { _, _ in "list" }
        harness.router.get("/api/slow") { _, _ in
            clock.advance(by: .seconds(5))
            return "late"
        }
        harness.router.get("/api/broken") { _, _ -> String in throw HTTPError(.internalServerError) }
        return harness
    }

    @Test(
        "rates 0 and 1 never draw; rate 0 still sends every slow_query and api_error",
        arguments: [
            (0.0, ["slow_query", "api_error"]),
            (1.0, Array(repeating: "api_request", count: 11) + ["slow_query", "api_request", "api_error"]),
        ])
    func extremeRates(rate: Double, expected: [String]) async throws {
        let draws = Atomic(0)
        let harness = try Self.harness(rate: rate) {
            draws.add(1, ordering: .relaxed)
            return rate == 0 ? 0 : 0.999_999
        }
        let events = try await harness.run { client in
            for _ in 0..<10 { try await client.status(.get, "/api/tickets") }
            try await client.status(.get, "/api/slow")
            try await client.status(.get, "/api/broken")
        }
        #expect(events.map(\.name) == expected)
        #expect(draws.load(ordering: .relaxed) == 0)
    }

    @Test("a fractional rate keeps exactly the requests whose draw falls below it", arguments: [0.1, 0.25, 0.5, 0.9])
    func fractionalRate(rate: Double) async throws {
        let random = SeededRandom(seed: 20_261_201)
        let harness = try Self.harness(rate: rate) { random.next() }
        let events = try await harness.run { client in
            for _ in 0..<400 { try await client.status(.get, "/api/tickets") }
        }
        let replay = SeededRandom(seed: 20_261_201)
        let expected = (0..<400).filter { _ in replay.next() < rate }.count
        #expect(events.count == expected)
        #expect(events.allSatisfy { $0.name == "api_request" })
        // The seeded draws are uniform, so the kept share is near the rate (a check on the test's own source).
        #expect(abs(Double(expected) / 400 - rate) < 0.1)
    }

    @Test("a draw equal to the rate is not kept")
    func drawAtRate() async throws {
        let harness = try Self.harness(rate: 0.5) { 0.5 }
        let events = try await harness.run { client in try await client.status(.get, "/api/tickets") }
        #expect(events.isEmpty)
    }
}
