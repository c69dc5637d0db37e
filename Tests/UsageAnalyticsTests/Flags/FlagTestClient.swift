import Crypto
import Foundation
import Logging
import Synchronization
import UsageAnalyticsTesting

@testable import UsageAnalytics

/// An ``AnalyticsClient`` recording into a ``RecordingDestination``, evaluating flags at `host`.
struct FlagTestClient {
    let analytics: AnalyticsClient
    let flags: FeatureFlagClient
    let recorder = RecordingDestination()

    /// The flag client's backoff clock, moved on only by the test.
    let clock = ManualClock()

    init(
        host: String, deployment: DeploymentType, isEnabled: Bool = true, timeout: Duration = .seconds(10)
    ) throws {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        configuration.isEnabled = isEnabled
        let logger = Logger(label: "flag-test", factory: { _ in SwiftLogNoOpLogHandler() })
        let clock = self.clock
        flags = FeatureFlagClient(
            host: host, apiKey: "phc_test", pollInterval: .seconds(30), timeout: timeout, connectTimeout: timeout,
            disablesGeoIP: true, client: nil, logger: logger, now: { clock.now })
        analytics = try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(.fixture),
            destinations: [recorder], logger: logger, noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly,
            featureFlags: flags)
    }

    /// The `$feature_flag_called` events delivered so far (after a flush).
    func exposures() async throws -> [CapturedEvent] {
        await analytics.flush()
        return try recorder.events.filter { $0.name == "$feature_flag_called" }
    }

    /// `prefix` + the first 32 hex digits of HMAC-SHA256(fixture secret, parts joined by NUL).
    static func expectedID(_ prefix: String, _ parts: String...) -> String {
        let message = Array(parts.joined(separator: "\u{0}").utf8)
        let code = HMAC<SHA256>.authenticationCode(
            for: message, using: SymmetricKey(data: Installation.fixture.secret))
        return prefix + code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// A continuous-clock reading that moves only when a test says so.
final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let elapsed = Mutex(Duration.zero)

    var now: ContinuousClock.Instant { start + elapsed.withLock { $0 } }

    func advance(by duration: Duration) { elapsed.withLock { $0 += duration } }
}

extension PropertyValue {
    /// The member `key` of an object, or `nil`.
    subscript(member key: String) -> PropertyValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
