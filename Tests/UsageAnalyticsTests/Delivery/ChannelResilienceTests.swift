import Foundation
import InMemoryLogging
import Logging
import MetricsTestKit
import ServiceLifecycle
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// What happens when the disk or the destination misbehaves: the host never fails, nothing
/// accepted is lost silently.
@Suite("Delivery resilience")
struct ChannelResilienceTests {
    func client(
        destinations: [any AnalyticsDestination], spool: DeliveryOptions.SpoolLocation, spoolMaxBytes: Int = 64 << 20,
        logger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, metrics: TestMetrics = TestMetrics(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = InstantSleeper().sleep
    ) throws -> AnalyticsClient {
        var configuration = AnalyticsConfiguration()
        configuration.spoolMaxBytes = spoolMaxBytes
        configuration.flushAt = 1_000
        configuration.maxRetries = 0
        var options = DeliveryOptions()
        options.spool = spool
        return try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
            destinations: destinations, logger: logger, metricsFactory: metrics, noticeOutput: NoticeOutput { _ in },
            delivery: options, sleep: sleep)
    }

    func capture(_ analytics: AnalyticsClient, _ count: Int) {
        for index in 0..<count {
            analytics.capture(
                TicketCommentAdded(isInternal: false, isResolution: false, contentLength: index, hasFormatting: false),
                actor: AnalyticsActor(tenant: "acme"))
        }
    }

    @Test("a full disk degrades to memory-only delivery with a warning; events still arrive")
    func diskFull() async throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.path + "/recording", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/recording/0000000000000001.log", withDestinationPath: "/dev/full")
        let logs = InMemoryLogHandler()
        let recorder = RecordingDestination()
        let analytics = try client(
            destinations: [recorder], spool: .directory(directory.path), logger: Logger(label: "test") { _ in logs })
        capture(analytics, 5)
        await analytics.flush()
        #expect(try recorder.events.count == 5)
        #expect(logs.entries.contains { $0.level == .warning && "\($0.message)".contains("memory only") })
    }

    @Test("a spool path that is not a directory degrades to memory-only delivery")
    func unusableDirectory() async throws {
        let directory = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: directory.path + "/recording", contents: Data("not a dir".utf8))
        let recorder = RecordingDestination()
        let analytics = try client(destinations: [recorder], spool: .directory(directory.path))
        capture(analytics, 3)
        await analytics.flush()
        #expect(try recorder.events.count == 3)
    }

    @Test("when the spool is full the oldest events are dropped, counted and logged once per episode")
    func spoolFull() async throws {
        let directory = try TemporaryDirectory()
        let logs = InMemoryLogHandler()
        let metrics = TestMetrics()
        let down = FailingDestination()
        let analytics = try client(
            destinations: [down], spool: .directory(directory.path), spoolMaxBytes: 256 << 10,
            logger: Logger(label: "test") { _ in logs }, metrics: metrics)
        for _ in 0..<20 {
            capture(analytics, 100)
            await analytics.flush()
        }
        let dropped = metrics.counterTotal(
            label: "usage_analytics_events_dropped_total", dimensions: [("reason", "spool_full")])
        let undelivered = try #require(await analytics.undeliveredCounts()["failing"])
        #expect(dropped > 0)
        #expect(Int(dropped) + undelivered == 2_000, "every event is either queued or counted as dropped")
        #expect(logs.entries.filter { "\($0.message)".contains("spool is full") }.count == 1)
        let bytes = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/failing").reduce(0) {
            $0
                + ((try? FileManager.default.attributesOfItem(atPath: directory.path + "/failing/" + $1)[.size] as? Int)
                    ?? 0)
        }
        #expect(bytes <= 256 << 10 + 4_096)
    }

    @Test(
        "concurrent flushes wait for the delivery in flight, then all return; each event is sent once",
        .timeLimit(.minutes(1)))
    func concurrentFlushes() async throws {
        let recorder = RecordingDestination(name: "slow")
        let slow = SlowDestination(inner: recorder)
        let analytics = try client(destinations: [slow], spool: .memoryOnly)
        capture(analytics, 30)
        await withTaskGroup(of: Void.self) { group in
            for round in 0..<6 {
                group.addTask {
                    if round % 2 == 0 { self.capture(analytics, 5) }
                    await analytics.flush()
                }
            }
        }
        await analytics.flush()
        let uuids = try recorder.events.map(\.uuid)
        #expect(uuids.count == 45)
        #expect(Set(uuids).count == 45)
    }

    @Test("shutdown gives up after its timeout; what was not delivered is delivered by the next start")
    func shutdownTimeout() async throws {
        let directory = try TemporaryDirectory()
        do {
            // A scope, so the first process's spool lock is released as it would be at exit.
            let analytics = try client(
                destinations: [StuckDestination()], spool: .directory(directory.path), sleep: blockingFlushInterval)
            let group = ServiceGroup(
                services: [analytics], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                capture(analytics, 7)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(await analytics.undeliveredCounts() == ["stuck": 7])
        }
        let recorder = RecordingDestination(name: "stuck")
        let restarted = try client(destinations: [recorder], spool: .directory(directory.path))
        await restarted.flush()
        #expect(try recorder.events.count == 7)
    }
}

/// Blocks the flush loop's 30-second interval until cancelled; every other wait (retries, the
/// shutdown timeout) ends at once.
let blockingFlushInterval: @Sendable (Duration) async throws -> Void = { duration in
    if duration == .seconds(30) { try await Task.sleep(for: .seconds(3_600)) }
}

/// Refuses every batch as a transient failure.
struct FailingDestination: AnalyticsDestination {
    let name = "failing"

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        throw DeliveryFailure(kind: .transient, statusCode: 503, reason: "HTTP 503")
    }
}

/// Takes a moment per batch, so flushes overlap.
struct SlowDestination: AnalyticsDestination {
    let inner: RecordingDestination
    var name: String { inner.name }

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        try await Task.sleep(for: .milliseconds(20))
        return try await inner.deliver(events)
    }
}

/// Never answers until cancelled.
struct StuckDestination: AnalyticsDestination {
    let name = "stuck"

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        try await Task.sleep(for: .seconds(3_600))
        return DeliveryReceipt()
    }
}
