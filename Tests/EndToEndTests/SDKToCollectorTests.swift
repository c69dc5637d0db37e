import Foundation
import Hummingbird
import Logging
import MetricsTestKit
import ServiceLifecycle
import Synchronization
import Testing
import UsageAnalytics
import UsageAnalyticsTesting
import UsageCollector

/// The SDK's real output against the collector's real validation, over loopback HTTP: the two
/// share nothing but the PostHog wire format.
@Suite("SDK to collector")
struct SDKToCollectorTests {
    static let projectKey = "phc_end_to_end"

    /// Runs a collector on a free port over a fresh SQLite database until `body` returns.
    func withCollector<Result: Sendable>(
        _ body: @Sendable (_ url: String, _ store: any EventStore) async throws -> Result
    ) async throws -> Result {
        let directory = NSTemporaryDirectory() + "end-to-end-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "collector")
        logger.logLevel = .critical
        let collector = try Collector.open(
            configuration: CollectorConfiguration(
                port: 0, dataDirectory: directory, projectKeys: [Self.projectKey]),
            logger: logger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = collector.buildApplication(onServerRunning: { port in portContinuation.yield(port) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Result?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            let result = try await body("http://127.0.0.1:\(port)", collector.store)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    func client(url: String, deployment: DeploymentType, key: String = projectKey, metrics: TestMetrics = TestMetrics())
        throws -> AnalyticsClient
    {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        return try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
            destinations: [PostHogDestination(name: "collector", host: url, apiKey: key)],
            logger: Logger(label: "sdk") { _ in SwiftLogNoOpLogHandler() }, metricsFactory: metrics,
            noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly)
    }

    @Test("every catalogue event and a generic one are accepted and stored as sent", arguments: DeploymentType.allCases)
    func everyEventStored(deployment: DeploymentType) async throws {
        try await withCollector { url, store in
            let analytics = try client(url: url, deployment: deployment)
            let actor = AnalyticsActor(tenant: "tenant-9", user: "user-3", userType: .client)
            for event in EventCatalogue.examples { analytics.capture(event, actor: actor) }
            analytics.capture(
                event: "report_exported",
                properties: [
                    "format": "csv", "row_count": 120, "owner_email": "jane@acme.example",
                    "note": "ping jane@acme.example", "company_name": "Acme",
                ], actor: actor)
            await analytics.flush()
            #expect(await analytics.undeliveredCounts() == ["collector": 0])

            let stored = try await store.events(EventFilter(), after: nil, limit: 1_000)
            #expect(stored.count == EventCatalogue.examples.count + 1)
            #expect(
                Set(stored.map(\.event))
                    == Set(EventCatalogue.definitions.map(\.name) + ["report_exported"]))
            #expect(Set(stored.map(\.project)) == [Self.projectKey])
            #expect(Set(stored.map(\.distinctID)).count == 1, "one actor, one distinct id")
            let distinctID = try #require(stored.first?.distinctID)
            #expect(distinctID.hasPrefix(deployment == .hosted ? "u_" : "i_"))
            for record in stored {
                #expect(!record.properties.contains("jane@acme.example"))
                #expect(!record.properties.contains("Acme"))
                #expect(!record.properties.contains("tenant-9") && !record.properties.contains("user-3"))
            }
            let exported = try #require(stored.first { $0.event == "report_exported" })
            let properties = try PropertyValue(json: Array(exported.properties.utf8))
            guard case .object(let members) = properties else { throw RecordingError(description: "not an object") }
            #expect(members["row_count"] == 120)
            #expect(members["owner_email"] == nil && members["company_name"] == nil)
            switch deployment {
            case .hosted:
                #expect(members["format"] == "csv" && members["note"] == "[redacted]")
            case .onPremise:
                #expect(members["format"] == nil && members["note"] == nil, "on-premise sends no generic strings")
            }
        }
    }

    @Test("a key the collector does not know is refused with 401; the SDK drops and counts the batch")
    func unknownKey() async throws {
        let metrics = TestMetrics()
        try await withCollector { url, store in
            let analytics = try client(url: url, deployment: .onPremise, key: "phc_unknown", metrics: metrics)
            analytics.capture(UserLoggedOut(userType: .internal), actor: AnalyticsActor(tenant: "t"))
            await analytics.flush()
            #expect(try await store.count(EventFilter()) == 0)
        }
        #expect(
            metrics.counterTotal(label: "usage_analytics_events_dropped_total", dimensions: [("reason", "rejected")])
                == 1)
    }

    @Test("a retried batch is stored once: the collector deduplicates the SDK's uuids")
    func retriedBatchStoredOnce() async throws {
        try await withCollector { url, store in
            let destination = PostHogDestination(name: "collector", host: url, apiKey: Self.projectKey)
            var generator = SystemRandomNumberGenerator()
            let uuid = UUID()
            let event = EncodedEvent(
                uuid: uuid, name: "report_exported",
                json: Array(
                    #"{"event":"report_exported","distinct_id":"i_\#(generator.next() as UInt64)","uuid":"\#(uuid.uuidString.lowercased())","timestamp":"2026-11-26T22:00:00.000Z","properties":{"rows":1}}"#
                        .utf8))
            _ = try await destination.deliver([event])
            _ = try await destination.deliver([event])
            #expect(try await store.count(EventFilter()) == 1)
        }
    }
}
