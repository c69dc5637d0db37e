import CoreMetrics
import Logging

extension AnalyticsClient {
    /// The entry point of a host: everything built from `configuration`.
    ///
    /// The installation identity lives under `configuration.dataDirectory`, and events go to the
    /// PostHog-compatible server at `POSTHOG_HOST` with `POSTHOG_API_KEY`, compressed as `ANALYTICS_GZIP`
    /// says and bounded by `ANALYTICS_REQUEST_TIMEOUT` (`ANALYTICS_CONNECT_TIMEOUT` for the connection),
    /// spooled under `ANALYTICS_SPOOL_DIR`. Feature flags are evaluated against the same server unless
    /// `ANALYTICS_FEATURE_FLAGS` is off.
    ///
    /// ```swift
    /// let configuration = try AnalyticsConfiguration(environment: ProcessInfo.processInfo.environment)
    /// let analytics = try AnalyticsClient(configuration: configuration, logger: logger)
    /// let services = ServiceGroup(services: [analytics, app], gracefulShutdownSignals: [.sigterm], logger: logger)
    /// ```
    /// - Parameters:
    ///   - configuration: Policy, identity, destination and batching settings.
    ///   - logger: Receives the SDK's own diagnostics; never an event's values.
    ///   - metricsFactory: Receives the SDK's counters.
    /// - Throws: ``ConfigurationError`` when analytics is on but no host or API key is configured.
    public convenience init(
        configuration: AnalyticsConfiguration, logger: Logger,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws {
        guard configuration.isEnabled else {
            try self.init(
                configuration: configuration, installationStore: EphemeralInstallationStore(), destinations: [],
                logger: logger, metricsFactory: metricsFactory)
            return
        }
        guard configuration.host != nil else {
            throw ConfigurationError(
                variable: "POSTHOG_HOST", expected: "the URL of a PostHog-compatible server when analytics is on",
                value: nil)
        }
        guard let apiKey = configuration.apiKey else {
            throw ConfigurationError(
                variable: "POSTHOG_API_KEY", expected: "the project key to send with, when POSTHOG_HOST is set",
                value: nil)
        }
        let destination = PostHogDestination(configuration: configuration, apiKey: apiKey)
        let flags = configuration.host.flatMap { host in
            configuration.featureFlagsEnabled
                ? FeatureFlagClient(
                    host: host, apiKey: apiKey, pollInterval: configuration.featureFlagPollInterval,
                    timeout: configuration.featureFlagTimeout, connectTimeout: configuration.connectTimeout,
                    logger: logger) : nil
        }
        try self.init(
            configuration: configuration,
            installationStore: FileInstallationStore(directory: configuration.dataDirectory),
            destinations: destination.map { [$0] } ?? [], logger: logger, metricsFactory: metricsFactory,
            featureFlags: flags)
    }
}
