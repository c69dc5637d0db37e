import Foundation
import InMemoryLogging
import Logging
import MetricsTestKit
import ServiceLifecycle
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// `AnalyticsClient(configuration:logger:)`, the host's entry point: every delivery variable takes effect,
/// missing ones are named, a broken identity file never stops the host, and a stopped client keeps nothing.
@Suite("Host entry point", .timeLimit(.minutes(2)))
struct HostEntryPointTests {
    func configuration(_ environment: [String: String], directory: TemporaryDirectory) throws -> AnalyticsConfiguration
    {
        try AnalyticsConfiguration(environment: environment.merging(["PSA_DATA_DIR": directory.path]) { a, _ in a })
    }

    @Test("POSTHOG_HOST, POSTHOG_API_KEY and ANALYTICS_GZIP reach the wire", arguments: [true, false])
    func deliveryVariables(gzip: Bool) async throws {
        let server = CaptureServer()
        let directory = try TemporaryDirectory()
        try await server.serve { url in
            let configuration = try configuration(
                ["POSTHOG_HOST": url + "/", "POSTHOG_API_KEY": "phc_entry_point", "ANALYTICS_GZIP": "\(gzip)"],
                directory: directory)
            let analytics = try AnalyticsClient(
                configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                metricsFactory: TestMetrics())
            analytics.capture(UserLoggedOut(userType: .internal), actor: AnalyticsActor(tenant: "acme"))
            await analytics.flush()
        }
        let request = try #require(server.requests.first)
        #expect(request.status == 200)
        #expect(request.headers["content-encoding"] == (gzip ? "gzip" : nil))
        guard case .object(let body) = request.body else { throw RecordingError(description: "not an object") }
        #expect(body["api_key"] == "phc_entry_point")
        #expect(request.batch.count == 1)
        // The identity lives under PSA_DATA_DIR, and the spool beside it.
        #expect(FileManager.default.fileExists(atPath: directory.path + "/installation.json"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/spool/posthog"))
    }

    @Test("ANALYTICS_REQUEST_TIMEOUT bounds a request to a server that never answers")
    func requestTimeout() async throws {
        let server = CaptureServer()
        server.script([.hang])
        try await server.serve { url in
            let configuration = try AnalyticsConfiguration(environment: [
                "POSTHOG_HOST": url, "POSTHOG_API_KEY": "phc_x", "ANALYTICS_REQUEST_TIMEOUT": "1",
            ])
            let destination = try #require(PostHogDestination(configuration: configuration, apiKey: "unused"))
            let uuid = UUID()
            let event = EncodedEvent(
                uuid: uuid, name: "user_logged_out",
                json: Array(
                    #"{"event": "user_logged_out", "distinct_id": "i_1", "uuid": "\#(uuid.uuidString.lowercased())", "timestamp": "2026-12-01T00:00:00Z", "properties": {}}"#
                        .utf8))
            // With the 10 s default this would outlast nothing; with 1 s it fails while the server still hangs.
            await #expect(throws: DeliveryFailure.self) { try await destination.deliver([event]) }
        }
    }

    @Test("analytics on without a destination names the missing variable")
    func missingDestination() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: ConfigurationError.self) {
            try AnalyticsClient(configuration: configuration([:], directory: directory), logger: Logger(label: "t"))
        }
        do {
            _ = try AnalyticsClient(
                configuration: configuration(["POSTHOG_HOST": "http://127.0.0.1:9"], directory: directory),
                logger: Logger(label: "t"))
            Issue.record("a host without a key was accepted")
        } catch let error as ConfigurationError {
            #expect(error.variable == "POSTHOG_API_KEY")
            #expect(!error.description.contains("127.0.0.1"))
        }
        let off = try AnalyticsClient(
            configuration: configuration(["ALGA_USAGE_STATS": "off"], directory: directory), logger: Logger(label: "t"))
        #expect(!off.isEnabled)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test(
        "a corrupt or unreadable installation.json disables analytics with one error, and the host starts",
        arguments: [
            Array("{not json".utf8), [UInt8](repeating: 0x20, count: 70_000),
            Array(#"{"installation_id": "x", "secret": "c2hvcnQ=", "created_at": "2026-01-01T00:00:00Z"}"#.utf8),
        ])
    func corruptIdentity(contents: [UInt8]) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/installation.json"
        try Data(contents).write(to: URL(fileURLWithPath: path))
        let handler = InMemoryLogHandler()
        let recorder = RecordingDestination()
        let analytics = try AnalyticsClient(
            configuration: AnalyticsConfiguration(),
            installationStore: FileInstallationStore(directory: directory.path),
            destinations: [recorder], logger: Logger(label: "test") { _ in handler },
            noticeOutput: NoticeOutput { _ in },
            delivery: .memoryOnly)
        #expect(!analytics.isEnabled)
        analytics.capture(UserLoggedOut(userType: .internal), actor: nil)
        await analytics.flush()
        #expect(try recorder.events.isEmpty)
        #expect(handler.entries.filter { $0.level == .error }.count == 1)
        // The file is left for the operator: a new identity would change every distinct id.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contents))
    }

    @Test("after the last flush a capture is refused and counted as shutdown")
    func stoppedClientKeepsNothing() async throws {
        let recorder = RecordingDestination()
        let metrics = TestMetrics()
        let analytics = try AnalyticsClient(
            configuration: AnalyticsConfiguration(), installationStore: EphemeralInstallationStore(.fixture),
            destinations: [recorder], logger: Logger(label: "test"), metricsFactory: metrics,
            noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly)
        let group = ServiceGroup(services: [analytics], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            analytics.capture(UserLoggedOut(userType: .internal), actor: nil)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try recorder.events.count == 1)
        analytics.capture(UserLoggedOut(userType: .client), actor: nil)
        #expect(analytics.pendingCount == 0)
        await analytics.flush()
        #expect(try recorder.events.count == 1)
        #expect(
            metrics.counterTotal(label: "usage_analytics_events_dropped_total", dimensions: [("reason", "shutdown")])
                == 1)
    }

    @Test("flush(timeout:) returns at its deadline and keeps the undelivered events")
    func flushDeadline() async throws {
        let server = CaptureServer()
        server.script([.hang], then: .status(200))
        // The deadline passes only once the request is hanging at the server, however loaded the machine.
        let deadline = ManualSleeper()
        try await server.serve { url in
            var configuration = AnalyticsConfiguration()
            configuration.maxRetries = 0
            let analytics = try AnalyticsClient(
                configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
                destinations: [PostHogDestination(host: url, apiKey: "phc_x", timeout: .seconds(60))],
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, noticeOutput: NoticeOutput { _ in },
                delivery: .memoryOnly, sleep: deadline.sleep)
            analytics.capture(UserLoggedOut(userType: .internal), actor: nil)
            async let firstFlush = analytics.flush(timeout: .milliseconds(200))
            await server.hangStarted()
            await deadline.elapse()
            #expect(await !firstFlush)
            #expect(await analytics.undeliveredCounts() == ["posthog": 1])
            // The hung request is abandoned; the next one is answered at once, long before its deadline.
            #expect(await analytics.flush(timeout: .seconds(60)))
            #expect(await analytics.undeliveredCounts() == ["posthog": 0])
        }
    }
}
