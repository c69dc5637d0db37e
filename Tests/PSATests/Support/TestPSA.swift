import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PSA
import UsageAnalytics
import UsageAnalyticsTesting

/// A PSA over a fresh database whose analytics events land in a recorder, driven through its router.
struct TestPSA: Sendable {
    let psa: PSA
    let recorder: RecordingDestination
    let analytics: AnalyticsClient
    let clock: TestClock

    /// Runs `body` against a new PSA on `engine`: bcrypt at its lowest cost, simulated time accepted; feature
    /// flags evaluated by `flags` when given (their definitions are not polled: call its `refresh()`).
    static func run(
        on engine: Engine = .sqlite, configure: @Sendable (inout PSAConfiguration) -> Void = { _ in },
        analytics analyticsConfiguration: AnalyticsConfiguration = AnalyticsConfiguration(),
        over testing: TestingSetup = .router,
        flags: FeatureFlagClient? = nil,
        _ body: @Sendable (TestPSA, any TestClientProtocol) async throws -> Void
    ) async throws {
        // Durations here are real: on a loaded machine a request can pass the slow thresholds and add
        // slow_query or slow_operation events to the exact sequences the tests assert. No PSA test is about
        // slowness (the adapter's own tests are, with an injected clock), so the thresholds are out of reach.
        let analyticsConfiguration = {
            var patient = analyticsConfiguration
            patient.slowRequestThreshold = .seconds(3_600)
            patient.slowQueryThreshold = .seconds(3_600)
            patient.slowOperationThreshold = .seconds(3_600)
            return patient
        }()
        try await engine.withDatabase { database in
            var configuration = PSAConfiguration()
            configuration.bcryptCost = 4
            configuration.acceptsSimulatedTime = true
            configuration.analytics = analyticsConfiguration
            configure(&configuration)
            let recorder = RecordingDestination()
            let analytics =
                try flags.map { flags in
                    try AnalyticsClient(
                        configuration: analyticsConfiguration,
                        installationStore: EphemeralInstallationStore(Installation.fixture), destinations: [recorder],
                        logger: Logger(label: "psa-test") { _ in SwiftLogNoOpLogHandler() },
                        noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly, featureFlags: flags)
                } ?? AnalyticsClient.recording(into: recorder, configuration: analyticsConfiguration)
            let clock = TestClock(Date())
            let psa = PSA(
                configuration: configuration, database: database,
                secrets: try SecretBox(key: (0..<32).map { UInt8($0) }), analytics: analytics,
                logger: Logger(label: "psa-test"), now: { clock.now })
            try await psa.migrate()
            let app = Application(router: psa.buildRouter())
            let test = TestPSA(psa: psa, recorder: recorder, analytics: analytics, clock: clock)
            try await app.test(testing) { client in try await body(test, client) }
        }
    }

    /// Every event delivered so far, after a flush.
    func events() async throws -> [CapturedEvent] {
        await analytics.flush()
        return try recorder.events
    }

    /// The delivered events called `name`, after a flush.
    func events(named name: String) async throws -> [CapturedEvent] {
        try await events().filter { $0.name == name }
    }
}
