/// How usage analytics behaves, with a default for every field.
///
/// Build it from the process environment with ``init(environment:)``, which is the one parser of
/// every analytics variable; tests construct it directly.
public struct AnalyticsConfiguration: Sendable, Equatable {
    /// Whether analytics runs at all (`ALGA_USAGE_STATS`). When false nothing is buffered, written,
    /// sent or printed.
    public var isEnabled: Bool = true
    /// Whether hosted deployments hash user ids (`ANALYTICS_ANONYMIZE_USER_IDS`).
    public var anonymizeUserIDs: Bool = true
    /// Which privacy policy applies (`DEPLOYMENT_TYPE`).
    public var deploymentType: DeploymentType = .onPremise
    /// The installation id to use instead of the stored one (`INSTANCE_ID`); only ever sent hashed.
    public var instanceID: String? = nil
    /// Where events go (`POSTHOG_HOST`); `nil` means the embedded collector.
    public var host: String? = nil
    /// The project key events are sent with (`POSTHOG_API_KEY`); `nil` means the local key.
    public var apiKey: String? = nil
    /// Events that trigger a flush (`ANALYTICS_FLUSH_AT`).
    public var flushAt: Int = 20
    /// Longest time an event waits before a flush (`ANALYTICS_FLUSH_INTERVAL`, in seconds).
    public var flushInterval: Duration = .seconds(30)
    /// Retries of a failed batch before it waits for the next flush (`ANALYTICS_MAX_RETRIES`).
    public var maxRetries: Int = 3
    /// Whether batches are sent gzip-compressed (`ANALYTICS_GZIP`).
    public var compressBatches: Bool = true
    /// The longest a delivery request may take (`ANALYTICS_REQUEST_TIMEOUT`, in seconds).
    public var requestTimeout: Duration = .seconds(10)
    /// The longest making a connection may take (`ANALYTICS_CONNECT_TIMEOUT`, in seconds), so a
    /// refused or unreachable server costs this per attempt rather than the whole request timeout.
    public var connectTimeout: Duration = .seconds(2)
    /// How long shutdown waits for the last delivery (`ANALYTICS_SHUTDOWN_TIMEOUT`, in seconds).
    public var shutdownTimeout: Duration = .seconds(5)
    /// Where undelivered events are kept (`ANALYTICS_SPOOL_DIR`); `nil` means `<dataDirectory>/spool`.
    public var spoolDirectory: String? = nil
    /// The spool's size bound in bytes (`ANALYTICS_SPOOL_MAX_BYTES`).
    public var spoolMaxBytes: Int = 64 * 1024 * 1024
    /// Events held in memory before new ones are dropped (`ANALYTICS_BUFFER_CAPACITY`).
    public var bufferCapacity: Int = 10_000
    /// Requests slower than this are marked `is_slow` on `api_request` (`ANALYTICS_SLOW_REQUEST_MS`).
    public var slowRequestThreshold: Duration = .milliseconds(1_000)
    /// Requests slower than this also emit `slow_query` (`ANALYTICS_SLOW_QUERY_MS`).
    public var slowQueryThreshold: Duration = .milliseconds(2_000)
    /// Tracked operations slower than this emit `slow_operation` (`ANALYTICS_SLOW_OPERATION_MS`).
    public var slowOperationThreshold: Duration = .milliseconds(500)
    /// The share of requests, from 0 to 1, that emit `api_request` (`ANALYTICS_API_REQUEST_SAMPLE_RATE`).
    public var apiRequestSampleRate: Double = 1.0
    /// Whether ``AnalyticsClient`` evaluates feature flags against `POSTHOG_HOST` (`ANALYTICS_FEATURE_FLAGS`).
    public var featureFlagsEnabled: Bool = true
    /// How often flag definitions are polled for local evaluation (`ANALYTICS_FEATURE_FLAGS_POLL_INTERVAL`, seconds).
    public var featureFlagPollInterval: Duration = .seconds(30)
    /// The longest one flag request may take (`ANALYTICS_FEATURE_FLAGS_TIMEOUT_MS`, milliseconds); a flag call
    /// never waits longer, and answers the caller's default after it.
    public var featureFlagTimeout: Duration = .milliseconds(3_000)
    /// Where the PSA keeps its data, the installation identity among it (`PSA_DATA_DIR`).
    public var dataDirectory: String = ".psa"
    /// The environment reported on every event (`PSA_ENVIRONMENT`).
    public var environment: RuntimeEnvironment = .production
    /// The application version reported on every event.
    public var appVersion: String = UsageAnalyticsVersion.current
    /// Generic events declared with their properties and privacy classes (set in code; no
    /// environment variable): their undeclared properties are dropped, as for typed events.
    public var declaredGenericEvents: [GenericEventDeclaration] = []

    /// A configuration with every default.
    public init() {}

    /// The spool directory after defaults are applied.
    public var resolvedSpoolDirectory: String {
        spoolDirectory ?? dataDirectory + "/spool"
    }
}

/// The version of this SDK, sent as `$lib_version`.
public enum UsageAnalyticsVersion {
    /// The current release.
    public static let current = "0.1.0"
}
