import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Delivery over real HTTP on loopback, with the server's answers scripted.
@Suite("Delivery to a PostHog endpoint", .timeLimit(.minutes(2)))
struct PostHogDeliveryTests {
    @Test("a batch is POST /batch/ {api_key, batch, sent_at}, gzip by default, with the SDK's user agent")
    func wireFormat() async throws {
        let server = CaptureServer()
        try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url + "/", apiKey: "phc_test")], spoolDirectory: nil)
            harness.capture(3)
            await harness.analytics.flush()
        }
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.headers["content-encoding"] == "gzip")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["user-agent"] == "usage-analytics-swift/\(UsageAnalyticsVersion.current)")
        guard case .object(let body) = request.body else { throw RecordingError(description: "not an object") }
        #expect(Set(body.keys) == ["api_key", "batch", "sent_at"])
        #expect(body["api_key"] == "phc_test")
        #expect(request.batch.count == 3)
        #expect(Set(request.uuids).count == 3)
    }

    @Test("compression can be turned off")
    func uncompressed() async throws {
        let server = CaptureServer()
        try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k", compress: false)], spoolDirectory: nil)
            harness.capture(1)
            await harness.analytics.flush()
        }
        #expect(server.requests.first?.headers["content-encoding"] == nil)
        #expect(server.acceptedUUIDs.count == 1)
    }

    @Test(
        "transient failures are retried with the same uuids and timestamps", arguments: [408, 429, 500, 502, 503, 504])
    func transientRetried(status: Int) async throws {
        let server = CaptureServer()
        server.script([.status(status), .status(status)])
        let harness = try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: nil)
            harness.capture(4)
            await harness.analytics.flush()
            return harness
        }
        #expect(server.requests.map(\.status) == [status, status, 200])
        #expect(server.requests[0].batch == server.requests[2].batch, "identical events, uuid and timestamp included")
        #expect(harness.attempts.all.map(\.retryAttempt) == [0, 1, 2])
        #expect(harness.attempts.all.map(\.statusCode) == [status, status, 200])
        #expect(harness.sleeper.durations.count == 2)
        #expect(harness.sleeper.durations.allSatisfy { $0 <= .seconds(30) })
    }

    @Test("429 waits as long as Retry-After says, capped at 30 s")
    func retryAfterHonoured() async throws {
        let server = CaptureServer()
        server.script([.status(429, retryAfter: "7"), .status(429, retryAfter: "3600")])
        let harness = try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: nil)
            harness.capture(1)
            await harness.analytics.flush()
            return harness
        }
        #expect(harness.sleeper.durations == [.seconds(7), .seconds(30)])
        #expect(server.acceptedUUIDs.count == 1)
    }

    @Test("400, 401 and 403 are never retried: the batch is dropped and counted", arguments: [400, 401, 403])
    func rejectedDropped(status: Int) async throws {
        let server = CaptureServer()
        server.script([.status(status)])
        let harness = try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: nil)
            harness.capture(5)
            await harness.analytics.flush()
            await harness.analytics.flush()
            return harness
        }
        #expect(server.requests.count == 1)
        #expect(harness.dropped("rejected") == 5)
        #expect(harness.sleeper.durations.isEmpty)
        #expect(await harness.analytics.undeliveredCounts() == ["posthog": 0])
    }

    @Test("413 splits the batch in halves until it fits; nothing is lost")
    func tooLargeSplits() async throws {
        let server = CaptureServer()
        server.script([], then: .tooLargeAbove(3))
        try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: nil)
            harness.capture(10)
            await harness.analytics.flush()
            #expect(harness.dropped("too_large") == 0)
        }
        #expect(server.acceptedUUIDs.count == 10)
        #expect(Set(server.acceptedUUIDs).count == 10)
        #expect(server.requests.filter { $0.status == 200 }.allSatisfy { $0.batch.count <= 3 })
    }

    @Test("a single event the server finds too large is dropped and counted")
    func singleEventTooLarge() async throws {
        let server = CaptureServer()
        server.script([], then: .status(413))
        let harness = try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: nil)
            harness.capture(2)
            await harness.analytics.flush()
            return harness
        }
        #expect(server.requests.map(\.batch.count) == [2, 1, 1])
        #expect(harness.dropped("too_large") == 2)
    }

    @Test("batches hold at most 100 events")
    func batchCap() async throws {
        let server = CaptureServer()
        try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: nil)
            harness.capture(250)
            await harness.analytics.flush()
        }
        #expect(server.requests.map(\.batch.count) == [100, 100, 50])
    }

    @Test("connection refused: retried, kept in the spool, and delivered by the next start once the server is back")
    func connectionRefused() async throws {
        let directory = try TemporaryDirectory()
        let refused = try RefusedPort()
        let port = refused.port
        // A refused connection fails each attempt at once, however long a request may take.
        let down = PostHogDestination(host: "http://127.0.0.1:\(port)", apiKey: "k", timeout: .seconds(600))
        var uuids: [String] = []
        do {
            let harness = try DeliveryHarness(destinations: [down], spoolDirectory: directory.path, maxRetries: 2)
            harness.capture(3)
            await harness.analytics.flush()
            #expect(harness.attempts.all.count == 3)
            #expect(harness.attempts.all.allSatisfy { $0.statusCode == nil && $0.failure?.kind == .transient })
            #expect(await harness.analytics.undeliveredCounts() == ["posthog": 3])
            uuids = harness.attempts.all[0].uuids.map { $0.uuidString.lowercased() }
        }
        let server = CaptureServer()
        try await server.serve { url in
            let restarted = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k")], spoolDirectory: directory.path)
            await restarted.analytics.flush()
            #expect(await restarted.analytics.undeliveredCounts() == ["posthog": 0])
        }
        #expect(server.acceptedUUIDs == uuids)
        withExtendedLifetime(refused) {}
    }

    @Test("a server that never answers times out and the events stay queued")
    func hangingServer() async throws {
        let server = CaptureServer()
        server.script([.hang])
        try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [PostHogDestination(host: url, apiKey: "k", timeout: .seconds(2))],
                spoolDirectory: nil, maxRetries: 0)
            harness.capture(2)
            await harness.analytics.flush()
            #expect(harness.attempts.all.first?.failure?.kind == .transient)
            #expect(await harness.analytics.undeliveredCounts() == ["posthog": 2])
            await harness.analytics.flush()
            #expect(await harness.analytics.undeliveredCounts() == ["posthog": 0])
        }
        #expect(server.acceptedUUIDs.count == 2)
    }

    @Test("each destination has its own spool and retry state")
    func independentDestinations() async throws {
        let directory = try TemporaryDirectory()
        let server = CaptureServer()
        let refused = try RefusedPort()
        let port = refused.port
        try await server.serve { url in
            let harness = try DeliveryHarness(
                destinations: [
                    PostHogDestination(
                        name: "cloud", host: "http://127.0.0.1:\(port)", apiKey: "k", timeout: .milliseconds(200)),
                    PostHogDestination(name: "collector", host: url, apiKey: "k"),
                ], spoolDirectory: directory.path, maxRetries: 1)
            harness.capture(4)
            await harness.analytics.flush()
            #expect(await harness.analytics.undeliveredCounts() == ["cloud": 4, "collector": 0])
        }
        #expect(server.acceptedUUIDs.count == 4)
        let cloudFiles = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/cloud")
        #expect(cloudFiles.contains { $0.hasSuffix(".log") })
        withExtendedLifetime(refused) {}
    }

    @Test("destination names must be unique and safe as directory names", arguments: ["", "../x", "a b", "same"])
    func destinationNames(name: String) throws {
        let destinations: [any AnalyticsDestination] =
            name == "same"
            ? [
                PostHogDestination(name: "same", host: "http://x", apiKey: "k"),
                PostHogDestination(name: "same", host: "http://y", apiKey: "k"),
            ]
            : [PostHogDestination(name: name, host: "http://x", apiKey: "k")]
        #expect(throws: DestinationNameError.self) {
            _ = try DeliveryHarness(destinations: destinations, spoolDirectory: nil)
        }
    }
}
