import CoreMetrics
import Foundation
import Logging
import UsageAnalytics

extension Installation {
    /// A fixed installation, so tests can compute the ids they expect.
    public static let fixture = Installation(
        id: "5b0c3bde-8c1e-4a5e-9a57-2f4c8e1d7a10", secret: Array(0..<32), createdAt: Date(timeIntervalSince1970: 0),
        noticeShownAt: Date(timeIntervalSince1970: 0))
}

extension AnalyticsClient {
    /// A client that delivers into `recorder`, with the fixed ``Installation/fixture`` identity and no notice.
    ///
    /// ```swift
    /// let recorder = RecordingDestination()
    /// let analytics = try AnalyticsClient.recording(into: recorder)
    /// ```
    public static func recording(
        into recorder: RecordingDestination,
        configuration: AnalyticsConfiguration = AnalyticsConfiguration(),
        installation: Installation = .fixture,
        logger: Logger = Logger(label: "usage-analytics-test", factory: { _ in SwiftLogNoOpLogHandler() }),
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) throws -> AnalyticsClient {
        try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(installation),
            destinations: [recorder], logger: logger, metricsFactory: metricsFactory,
            noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly)
    }
}
