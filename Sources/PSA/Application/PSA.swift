import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOPosix
import Prometheus
import ServiceLifecycle
import UsageAnalytics
import UsageAnalyticsHummingbird

/// The PSA's parts: its database, its services and the application that serves them.
///
/// ```swift
/// let psa = try await PSA.open(configuration: configuration, analytics: analytics, logger: logger)
/// let app = psa.buildApplication()
/// try await app.runService()
/// ```
public struct PSA: Sendable {
    /// The configuration it was opened with.
    public let configuration: PSAConfiguration
    /// The SQL database (SQLite or PostgreSQL).
    public let database: any SQLDatabase
    /// Services the database needs running (PostgreSQL's pool).
    public let services: [any Service]
    /// Accounts and sessions.
    public let auth: AuthService
    /// TOTP enrolment.
    public let twoFactor: TwoFactorService
    /// Sign-in with OpenID Connect providers.
    public let oidc: OIDCService
    /// Users of a tenant.
    public let users: UserService
    /// Client companies.
    public let clients: ClientService
    /// Tickets and comments.
    public let tickets: TicketService
    /// Time entries and time sheets.
    public let timeEntries: TimeEntryService
    public let timesheets: TimesheetService
    /// Services, per-client rates, invoices and payments.
    public let rates: RateService
    public let invoices: InvoiceService
    let analytics: AnalyticsClient
    let logger: Logger

    /// Opens the database named by `configuration` (PostgreSQL when `databaseURL` is set, else SQLite under
    /// `dataDirectory`); the schema is migrated when the application starts (or by ``migrate()``).
    public static func open(
        configuration: PSAConfiguration, analytics: AnalyticsClient, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> PSA {
        var services: [any Service] = []
        let database: any SQLDatabase
        if let url = configuration.databaseURL {
            let postgres = try PostgresEngine(url: url, logger: logger)
            services.append(postgres.client)
            database = postgres
        } else {
            try FileManager.default.createDirectory(
                atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            database = try await SQLiteEngine.open(path: configuration.dataDirectory + "/psa.sqlite", logger: logger)
        }
        return PSA(
            configuration: configuration, database: database, services: services,
            secrets: try SecretBox.loadOrCreate(directory: configuration.dataDirectory), analytics: analytics,
            logger: logger, now: now)
    }

    /// The PSA over an open database.
    public init(
        configuration: PSAConfiguration, database: any SQLDatabase, services: [any Service] = [], secrets: SecretBox,
        analytics: AnalyticsClient, logger: Logger, http: HTTPClient = .shared,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.database = database
        self.services = services
        self.analytics = analytics
        self.logger = logger
        let hasher = PasswordHasher(cost: UInt8(configuration.bcryptCost), threadPool: ThreadPools.passwords)
        self.auth = AuthService(
            database: database, analytics: analytics, hasher: hasher,
            throttle: LoginThrottle(limits: configuration.loginLimits, now: now),
            secondFactor: SecondFactor(box: secrets),
            sessionLifetime: configuration.sessionLifetime, now: now)
        self.twoFactor = TwoFactorService(database: database, box: secrets, now: now)
        self.oidc = OIDCService(
            configuration: configuration.oidc, database: database, auth: auth, analytics: analytics, http: http,
            logger: logger, now: now)
        self.users = UserService(database: database, analytics: analytics, hasher: hasher, now: now)
        self.clients = ClientService(database: database)
        self.tickets = TicketService(
            database: database, analytics: analytics,
            operations: OperationTimer(analytics: analytics, configuration: configuration.analytics),
            decisions: ProductDecisions(analytics: analytics, wait: configuration.flagWait))
        self.timeEntries = TimeEntryService(database: database, analytics: analytics)
        self.timesheets = TimesheetService(database: database, analytics: analytics)
        self.rates = RateService(database: database, analytics: analytics)
        self.invoices = InvoiceService(database: database, analytics: analytics)
    }

    /// Brings the schema up to date.
    public func migrate() async throws {
        try await Schema.migrate(database, now: Int64(Date().timeIntervalSince1970 * 1_000))
    }

    /// The router: middleware, then the API's routes.
    /// - Parameter metrics: When given, `GET /metrics` serves it and requests are counted by route template.
    public func buildRouter(metrics: PrometheusCollectorRegistry? = nil) -> Router<PSARequestContext> {
        let router = Router(context: PSARequestContext.self)
        if let metrics {
            router.add(middleware: MetricsMiddleware())
            router.get("/metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                    body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
            }
        }
        router.get("/health") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        if configuration.acceptsSimulatedTime { router.add(middleware: SimulatedTimeMiddleware()) }
        // The authenticator runs first so that the analytics middleware knows the caller.
        router.add(middleware: AuthenticatorMiddleware(auth: auth))
        router.add(
            middleware: AnalyticsMiddleware<PSARequestContext, ContinuousClock>(
                analytics: analytics, configuration: configuration.analytics))
        AuthController(auth: auth, twoFactor: twoFactor).addRoutes(to: router)
        SessionController(auth: auth).addRoutes(to: router)
        OIDCController(oidc: oidc).addRoutes(to: router)
        UserController(users: users, clients: clients).addRoutes(to: router)
        TicketController(tickets: tickets).addRoutes(to: router)
        TimeEntryController(entries: timeEntries).addRoutes(to: router)
        TimesheetController(sheets: timesheets).addRoutes(to: router)
        RateController(rates: rates).addRoutes(to: router)
        InvoiceController(invoices: invoices).addRoutes(to: router)
        return router
    }

    /// The HTTP application; it runs the database's services and migrates the schema before listening.
    public func buildApplication(
        metrics: PrometheusCollectorRegistry? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var app = Application(
            router: buildRouter(metrics: metrics),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "psa"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        app.beforeServerStarts { try await migrate() }
        return app
    }
}
