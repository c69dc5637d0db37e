import Foundation

/// Everything a collector needs to run; every field has a default.
///
/// ```swift
/// var configuration = CollectorConfiguration()
/// configuration.projectKeys = ["phc_local"]
/// let app = try await buildCollectorApplication(configuration: configuration, logger: logger)
/// try await app.runService()
/// ```
public struct CollectorConfiguration: Sendable {
    /// Address to bind (`--host`).
    public var host: String
    /// Port to bind; 0 picks a free one (`--port`, `COLLECTOR_PORT` in `psa serve`).
    public var port: Int
    /// Directory of the SQLite database (`--data-dir`).
    public var dataDirectory: String
    /// `postgres://…` URL; when set, PostgreSQL is used instead of SQLite (`--database-url`).
    public var databaseURL: String?
    /// Project keys accepted by capture endpoints (`COLLECTOR_PROJECT_KEYS`, comma-separated).
    public var projectKeys: [String]
    /// Bearer token of the admin API; nil disables it (`COLLECTOR_ADMIN_TOKEN`).
    public var adminToken: String?
    /// Events older than this many days are deleted; nil keeps everything (`COLLECTOR_RETENTION_DAYS`).
    public var retentionDays: Int?
    /// How often retention runs.
    public var retentionInterval: Duration
    /// Group commit (N events or T milliseconds).
    public var groupCommit: GroupCommitConfiguration
    /// Request and event size limits.
    public var limits: IngestLimits
    /// The web dashboard's sessions (`COLLECTOR_SECURE_COOKIES`, `COLLECTOR_SESSION_MINUTES`).
    public var dashboard = DashboardConfiguration()

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8787,
        dataDirectory: String = "./.collector",
        databaseURL: String? = nil,
        projectKeys: [String] = [],
        adminToken: String? = nil,
        retentionDays: Int? = nil,
        retentionInterval: Duration = .seconds(3600),
        groupCommit: GroupCommitConfiguration = GroupCommitConfiguration(),
        limits: IngestLimits = IngestLimits()
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.projectKeys = projectKeys
        self.adminToken = adminToken
        self.retentionDays = retentionDays
        self.retentionInterval = retentionInterval
        self.groupCommit = groupCommit
        self.limits = limits
    }

    /// Applies `COLLECTOR_PROJECT_KEYS`, `COLLECTOR_ADMIN_TOKEN`, `COLLECTOR_RETENTION_DAYS` and
    /// `COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT` from `environment`.
    /// - Throws: ``CollectorConfigurationError`` naming the variable when a value is malformed.
    public mutating func apply(environment: [String: String]) throws {
        if let keys = environment["COLLECTOR_PROJECT_KEYS"] {
            let parsed = keys.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !parsed.isEmpty, parsed.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
                throw CollectorConfigurationError(
                    variable: "COLLECTOR_PROJECT_KEYS",
                    reason: "expected comma-separated keys without spaces, such as phc_a,phc_b"
                )
            }
            self.projectKeys = parsed
        }
        if let token = environment["COLLECTOR_ADMIN_TOKEN"] {
            guard token.utf8.count >= 16, !token.contains(where: \.isWhitespace) else {
                throw CollectorConfigurationError(
                    variable: "COLLECTOR_ADMIN_TOKEN",
                    reason: "expected at least 16 characters without spaces"
                )
            }
            self.adminToken = token
        }
        if let days = environment["COLLECTOR_RETENTION_DAYS"] {
            guard let parsed = Int(days.trimmingCharacters(in: .whitespaces)), parsed > 0 else {
                throw CollectorConfigurationError(
                    variable: "COLLECTOR_RETENTION_DAYS",
                    reason: "expected a whole number of days greater than 0, got \"\(days)\""
                )
            }
            self.retentionDays = parsed
        }
        if let bytes = environment["COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT"] {
            // A full-size capture request (base64 included) must fit, or it could never be accepted.
            let minimum = CaptureBodyDecoder(limits: self.limits).maxRawBodyBytes
            guard let parsed = Int(bytes.trimmingCharacters(in: .whitespaces)), parsed >= minimum else {
                throw CollectorConfigurationError(
                    variable: "COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT",
                    reason: "expected a whole number of bytes, at least \(minimum) (one full capture request)"
                )
            }
            self.limits.maxBodyBytesInFlight = parsed
        }
        try self.dashboard.apply(environment: environment)
    }
}
