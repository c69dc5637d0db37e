import UsageAnalytics

/// How the PSA service runs, with a default for every field.
public struct PSAConfiguration: Sendable {
    /// The address to bind.
    public var host = "127.0.0.1"
    /// The port of the API (`PSA_PORT`; 0 picks a free one).
    public var port = 8080
    /// Where the SQLite database lives (`PSA_DATA_DIR`), as `psa.sqlite`.
    public var dataDirectory = ".psa"
    /// PostgreSQL instead of SQLite (`DATABASE_URL`, `postgres://user:password@host:port/database`).
    public var databaseURL: String? = nil
    /// bcrypt's cost (`PSA_BCRYPT_COST`, 4 to 16): 12 takes about 0.3 s a hash on one core.
    public var bcryptCost = 12
    /// How long a session lasts (`PSA_SESSION_HOURS`).
    public var sessionLifetime: Duration = .seconds(12 * 3_600)
    /// Failed sign-ins allowed per account and per address before a lock-out.
    public var loginLimits = LoginThrottle.Limits()
    /// The analytics settings the PSA's instrumentation reads: slow-request, slow-query and slow-operation
    /// thresholds and the `api_request` sampling rate.
    public var analytics = AnalyticsConfiguration()
    /// OpenID Connect providers (`PSA_OIDC_GOOGLE_*`, `PSA_OIDC_KEYCLOAK_*`); none by default.
    public var oidc = OIDCConfiguration()
    /// The longest a request waits for a product decision's feature flag before it goes on with the control
    /// behaviour (`PSA_FLAG_WAIT_MS`, 10 to 5000 milliseconds).
    public var flagWait: Duration = .milliseconds(250)
    /// Whether requests may set their time with `X-Simulated-Time` (`psa serve --simulation`, for `psa simulate`).
    public var acceptsSimulatedTime = false

    /// A configuration with every default.
    public init() {}

    /// Reads `PSA_PORT`, `PSA_DATA_DIR`, `DATABASE_URL`, `PSA_BCRYPT_COST`, `PSA_SESSION_HOURS`,
    /// `PSA_FLAG_WAIT_MS` and the `PSA_OIDC_*` providers; an empty value counts as unset.
    /// - Throws: ``ConfigurationError`` naming the first malformed variable.
    public init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment)
        self.init()
        port = try reader.integer("PSA_PORT", in: 0...65_535) ?? port
        dataDirectory = try reader.path("PSA_DATA_DIR") ?? dataDirectory
        if let url = try reader.token("DATABASE_URL", secret: true) {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigurationError(
                    variable: "DATABASE_URL", expected: "a postgres://user:password@host:port/database URL", value: nil)
            }
            databaseURL = url
        }
        bcryptCost = try reader.integer("PSA_BCRYPT_COST", in: 4...16) ?? bcryptCost
        if let hours = try reader.integer("PSA_SESSION_HOURS", in: 1...720) {
            sessionLifetime = .seconds(hours * 3_600)
        }
        if let milliseconds = try reader.integer("PSA_FLAG_WAIT_MS", in: 10...5_000) {
            flagWait = .milliseconds(milliseconds)
        }
        oidc = try OIDCConfiguration(environment: environment)
    }
}
