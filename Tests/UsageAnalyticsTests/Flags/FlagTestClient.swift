import Crypto
import Foundation
import Logging
import UsageAnalytics
import UsageAnalyticsTesting

/// An ``AnalyticsClient`` recording into a ``RecordingDestination``, evaluating flags at `host`.
struct FlagTestClient {
    let analytics: AnalyticsClient
    let flags: FeatureFlagClient
    let recorder = RecordingDestination()

    init(
        host: String, deployment: DeploymentType, isEnabled: Bool = true, timeout: Duration = .seconds(10)
    ) throws {
        var configuration = AnalyticsConfiguration()
        configuration.deploymentType = deployment
        configuration.isEnabled = isEnabled
        let logger = Logger(label: "flag-test", factory: { _ in SwiftLogNoOpLogHandler() })
        flags = FeatureFlagClient(host: host, apiKey: "phc_test", timeout: timeout, logger: logger)
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

extension PropertyValue {
    /// The member `key` of an object, or `nil`.
    subscript(member key: String) -> PropertyValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
