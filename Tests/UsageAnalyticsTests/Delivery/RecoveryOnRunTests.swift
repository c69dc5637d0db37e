import Foundation
import Logging
import ServiceLifecycle
import Testing
import UsageAnalyticsTesting

@testable import UsageAnalytics

/// Spool recovery belongs to the service's `run()`: creating a client touches no spool.
@Suite("Spool recovery in run()", .timeLimit(.minutes(1)))
struct RecoveryOnRunTests {
    func client(
        _ destination: any AnalyticsDestination, spool directory: TemporaryDirectory, sleeper: ManualSleeper
    ) throws -> AnalyticsClient {
        var configuration = AnalyticsConfiguration()
        configuration.flushAt = 1_000
        configuration.maxRetries = 0
        var options = DeliveryOptions()
        options.spool = .directory(directory.path)
        return try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
            destinations: [destination], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            noticeOutput: NoticeOutput { _ in }, delivery: options, sleep: sleeper.sleep)
    }

    func capture(_ analytics: AnalyticsClient, ages: Range<Int>) {
        for age in ages {
            analytics.capture(
                TicketDeleted(ageInDays: age, wasResolved: false, hadComments: false),
                actor: AnalyticsActor(tenant: "t"))
        }
    }

    /// Leaves events of `ages` in the spool, as a run whose collector was down would.
    func leaveSpooled(ages: Range<Int>, in directory: TemporaryDirectory) async throws {
        let earlier = try client(DownDestination(name: "collector"), spool: directory, sleeper: ManualSleeper())
        capture(earlier, ages: ages)
        await earlier.flush()
        #expect(await earlier.undeliveredCounts() == ["collector": ages.count])
    }

    @Test("creating a client leaves the spool alone; run() delivers what it held, then what was captured before run()")
    func recoveryWaitsForRun() async throws {
        let directory = try TemporaryDirectory()
        try await leaveSpooled(ages: 0..<3, in: directory)
        // Someone else holds the spool's lock (a child the host forked, say) while the next client is
        // created: a client that opened its spool in `init` would give up on it and keep memory only.
        var holder: Spool? = try Spool(directory: directory.path + "/collector", maximumBytes: 1 << 20)
        let recorder = RecordingDestination(name: "collector")
        let analytics = try client(recorder, spool: directory, sleeper: ManualSleeper())
        capture(analytics, ages: 3..<5)
        #expect(holder != nil)
        holder = nil

        let group = ServiceGroup(services: [analytics], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await recorder.waitForEvents(count: 5)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let delivered = try recorder.events
        #expect(delivered.map { $0.eventProperties["age_in_days"] } == [0, 1, 2, 3, 4])
        #expect(Set(delivered.map(\.uuid)).count == 5)

        let restarted = try client(RecordingDestination(name: "collector"), spool: directory, sleeper: ManualSleeper())
        #expect(await restarted.undeliveredCounts() == ["collector": 0], "nothing is left to send twice")
    }

    @Test("a client that is flushed but never run still recovers its spool first")
    func flushWithoutRun() async throws {
        let directory = try TemporaryDirectory()
        try await leaveSpooled(ages: 0..<2, in: directory)
        let recorder = RecordingDestination(name: "collector")
        let analytics = try client(recorder, spool: directory, sleeper: ManualSleeper())
        capture(analytics, ages: 2..<3)
        await analytics.flush()
        #expect(try recorder.events.map { $0.eventProperties["age_in_days"] } == [0, 1, 2])
    }
}

/// A destination that is down: every batch fails as transient, so events stay spooled.
struct DownDestination: AnalyticsDestination {
    let name: String

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        throw DeliveryFailure(kind: .transient, statusCode: 503, reason: "HTTP 503")
    }
}
