import Foundation
import MetricsTestKit
import ServiceLifecycle
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

@Suite("Opt-out")
struct OptOutTests {
    @Test("ALGA_USAGE_STATS off: no buffer, no file, no notice, no delivery", arguments: ["false", "0", "no", "OFF"])
    func totalOptOut(value: String) async throws {
        let directory = try TemporaryDirectory()
        let configuration = try AnalyticsConfiguration(environment: [
            "ALGA_USAGE_STATS": value, "PSA_DATA_DIR": directory.path,
        ])
        #expect(!configuration.isEnabled)
        let recorder = RecordingDestination()
        let notices = NoticeRecorder()
        let metrics = TestMetrics()
        let analytics = try AnalyticsClient(
            configuration: configuration, installationStore: FileInstallationStore(directory: directory.path),
            destinations: [recorder], logger: .init(label: "test"), metricsFactory: metrics,
            noticeOutput: notices.output)
        analytics.capture(UserLoggedOut(userType: .internal), actor: AnalyticsActor(tenant: "t"))
        analytics.capture(event: "report_viewed", properties: ["rows": 1], actor: nil)
        await analytics.flush()

        #expect(!analytics.isEnabled)
        #expect(analytics.pendingCount == 0)
        #expect(recorder.batches.isEmpty)
        #expect(notices.texts.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(metrics.counters.isEmpty, "not even a counter is created")
    }

    @Test("opted out, a configured PostHog destination is never contacted and no spool is created")
    func noSocket() async throws {
        let directory = try TemporaryDirectory()
        let server = CaptureServer()
        try await server.serve { url in
            let configuration = try AnalyticsConfiguration(environment: [
                "ALGA_USAGE_STATS": "no", "POSTHOG_HOST": url, "POSTHOG_API_KEY": "phc_k",
                "ANALYTICS_SPOOL_DIR": directory.path + "/spool",
            ])
            let analytics = try AnalyticsClient(
                configuration: configuration, installationStore: FileInstallationStore(directory: directory.path),
                destinations: [PostHogDestination(host: try #require(configuration.host), apiKey: "phc_k")],
                logger: .init(label: "test"), noticeOutput: NoticeOutput { _ in })
            let group = ServiceGroup(services: [analytics], logger: .init(label: "test"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for _ in 0..<50 { analytics.capture(UserLoggedOut(userType: .internal), actor: nil) }
                await analytics.flush()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
        #expect(server.requests.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("a disabled client's service waits for shutdown and then returns")
    func disabledServiceStops() async throws {
        let analytics = AnalyticsClient.disabled
        let group = ServiceGroup(services: [analytics], logger: .init(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(analytics.pendingCount == 0)
    }
}
