import Foundation
import Logging
import MetricsTestKit
import Synchronization
import UsageAnalytics
import UsageAnalyticsTesting

/// A sleep that returns at once and remembers what was asked, so retry delays are checked
/// without waiting for them.
final class InstantSleeper: Sendable {
    private let requested = Mutex<[Duration]>([])

    var durations: [Duration] { requested.withLock { $0 } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { duration in
            self.requested.withLock { $0.append(duration) }
            try Task.checkCancellation()
            await Task.yield()
        }
    }
}

/// Collects every delivery attempt.
final class AttemptLog: DeliveryObserver {
    private let attempts = Mutex<[DeliveryAttempt]>([])

    var all: [DeliveryAttempt] { attempts.withLock { $0 } }

    func deliveryAttempted(_ attempt: DeliveryAttempt) {
        attempts.withLock { $0.append(attempt) }
    }
}

/// A client wired to real HTTP destinations, with an instant sleeper and a fixed jitter.
struct DeliveryHarness {
    let analytics: AnalyticsClient
    let sleeper: InstantSleeper
    let attempts: AttemptLog
    let metrics: TestMetrics

    init(
        destinations: [any AnalyticsDestination], spoolDirectory: String?, maxRetries: Int = 3,
        spoolMaxBytes: Int = 64 << 20, configure: (inout AnalyticsConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = AnalyticsConfiguration()
        configuration.maxRetries = maxRetries
        configuration.spoolMaxBytes = spoolMaxBytes
        configuration.flushAt = 1_000
        configure(&configuration)
        sleeper = InstantSleeper()
        attempts = AttemptLog()
        metrics = TestMetrics()
        var options = DeliveryOptions()
        options.spool = spoolDirectory.map(DeliveryOptions.SpoolLocation.directory) ?? .memoryOnly
        options.observer = attempts
        options.jitter = { 0.5 }
        analytics = try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
            destinations: destinations, logger: Logger(label: "delivery-test") { _ in SwiftLogNoOpLogHandler() },
            metricsFactory: metrics,
            noticeOutput: NoticeOutput { _ in }, delivery: options, sleep: sleeper.sleep)
    }

    func capture(_ count: Int) {
        for index in 0..<count {
            analytics.capture(
                TicketDeleted(ageInDays: index, wasResolved: index % 2 == 0, hadComments: false),
                actor: AnalyticsActor(tenant: "acme"))
        }
    }

    func dropped(_ reason: String) -> Int64 {
        metrics.counterTotal(label: "usage_analytics_events_dropped_total", dimensions: [("reason", reason)])
    }
}
