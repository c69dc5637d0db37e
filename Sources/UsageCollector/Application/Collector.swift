import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// A collector's parts: its store, its writer and the services they need, ready to become an application.
///
/// Most callers want ``buildCollectorApplication(configuration:logger:)``; tests and embedders that also
/// need the store use `Collector.open` and ``buildApplication(onServerRunning:)``.
public struct Collector: Sendable {
    /// The configuration it was opened with.
    public let configuration: CollectorConfiguration
    /// Where events are stored.
    public let store: any EventStore
    /// The single writer that group-commits captured events.
    public let writer: GroupCommitWriter
    /// Feature flag definitions, kept beside the events (`nil` for stores other than SQLite and PostgreSQL).
    public let flags: (any FlagStore)?
    /// Cohorts, kept beside the events (`nil` for stores other than SQLite and PostgreSQL).
    public let cohorts: (any CohortStore)?
    /// Cohort members as the insights engine computes them.
    let cohortMemberships: CohortMemberships?
    /// The insights engine answering trends, funnels and retention from its projection of the store.
    public let insights: InsightsEngine
    /// The store as writers see it: every insert and deletion also reaches the insights engine.
    let projectedStore: ProjectingEventStore
    /// Background services to run beside the HTTP server (database client, writer, retention).
    public let services: [any Service]
    /// The registry of the collector's operational metrics, served at `GET /metrics`.
    public let metricsRegistry: PrometheusCollectorRegistry
    let metrics: CollectorMetrics
    let logger: Logger

    /// Opens the store named by `configuration` (PostgreSQL when `databaseURL` is set, else SQLite under
    /// `dataDirectory`) and builds the writer.
    /// - Parameters:
    ///   - configuration: the collector's configuration
    ///   - logger: logger for the collector and its services
    ///   - metricsRegistry: where its operational metrics go (its own registry by default)
    public static func open(
        configuration: CollectorConfiguration, logger: Logger,
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) throws -> Collector {
        var services: [any Service] = []
        let store: any EventStore
        if let url = configuration.databaseURL {
            let postgres = try PostgresEventStore(url: url, logger: logger)
            services.append(postgres.client)
            store = postgres
        } else {
            try FileManager.default.createDirectory(
                atPath: configuration.dataDirectory,
                withIntermediateDirectories: true
            )
            store = try SQLiteEventStore(path: configuration.dataDirectory + "/events.sqlite")
        }
        return try Collector(
            configuration: configuration, store: store, extraServices: services, logger: logger,
            metricsRegistry: metricsRegistry)
    }

    /// Builds a collector over an existing store.
    /// - Parameters:
    ///   - configuration: the collector's configuration (its storage fields are ignored)
    ///   - store: the event store
    ///   - extraServices: services the store needs running, started before the writer
    ///   - logger: logger for the collector and its services
    ///   - metricsRegistry: where its operational metrics go (its own registry by default)
    ///   - clock: paces the group commit and retention (tests pass a clock they advance)
    public init(
        configuration: CollectorConfiguration,
        store: any EventStore,
        extraServices: [any Service] = [],
        logger: Logger,
        metricsRegistry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        clock: ElapsedClock = .continuous
    ) throws {
        guard configuration.groupCommit.maxEvents > 0, configuration.groupCommit.maxPendingEvents > 0 else {
            throw CollectorConfigurationError(
                variable: "groupCommit", reason: "maxEvents and maxPendingEvents must be positive")
        }
        self.configuration = configuration
        self.store = store
        self.flags = Self.flagStore(beside: store, logger: logger)
        self.logger = logger
        self.metricsRegistry = metricsRegistry
        self.metrics = CollectorMetrics(registry: metricsRegistry)
        self.insights = InsightsEngine(store: store, logger: logger)
        let cohorts = Self.cohortStore(beside: store, logger: logger)
        let insights = self.insights
        self.cohorts = cohorts
        self.cohortMemberships = cohorts.map { CohortMemberships(store: $0, engine: insights) }
        self.projectedStore = ProjectingEventStore(base: store, engine: self.insights)
        self.writer = GroupCommitWriter(
            store: self.projectedStore, configuration: configuration.groupCommit, logger: logger,
            metrics: self.metrics, clock: clock)
        var services = extraServices
        services.append(self.writer)
        services.append(self.insights)
        if let days = configuration.retentionDays {
            services.append(
                RetentionService(
                    store: self.projectedStore, days: days, interval: configuration.retentionInterval, logger: logger,
                    clock: clock)
            )
        }
        self.services = services
    }

    /// The router: capture endpoints, health checks and the admin API.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let keys = ProjectKeys(keys: self.configuration.projectKeys)
        let validator = CaptureValidator(projectKeys: keys, limits: self.configuration.limits)
        let budget = BodyBudget(limit: self.configuration.limits.maxBodyBytesInFlight, metrics: self.metrics)
        CaptureController(
            validator: validator,
            decoder: CaptureBodyDecoder(limits: self.configuration.limits),
            writer: self.writer,
            budget: budget,
            metrics: self.metrics
        ).addRoutes(to: router)
        let registry = self.metricsRegistry
        // Unauthenticated like most Prometheus targets: counts and latencies only, no event data (README).
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }

        var dashboard = DashboardController(
            collector: self.configuration, engine: self.insights, store: self.store, logger: self.logger,
            flags: self.flags, experiments: self.experimentCatalog)
        dashboard.cohorts = self.cohortMemberships
        dashboard.addRoutes(to: router)
        let store = self.store
        router.get("/_liveness") { _, _ in JSONResponses.json(status: .ok, #"{"status": "ok"}"#) }
        router.get("/_readiness") { _, _ in
            do {
                try await store.checkHealth()
                return JSONResponses.json(status: .ok, #"{"status": "ok"}"#)
            } catch {
                return JSONResponses.json(status: .serviceUnavailable, #"{"status": "unavailable"}"#)
            }
        }

        let admin = router.group("/api").add(middleware: AdminAuthMiddleware(token: self.configuration.adminToken))
        ManagementController(store: self.projectedStore, validator: validator, projectKeys: keys, budget: budget)
            .addRoutes(to: admin)
        InsightsController(
            engine: self.insights, projects: ProjectDirectory(keys: self.configuration.projectKeys), now: { Date() },
            cohorts: self.cohortMemberships
        ).addRoutes(to: admin)
        self.addFlagRoutes(to: router, admin: admin)
        self.addExperimentRoutes(admin: admin)
        self.addCohortRoutes(to: admin)
        return router
    }

    /// The HTTP application; it runs the collector's services and migrates the store before listening.
    /// - Parameter onServerRunning: called with the bound port once the server listens (useful with port 0)
    public func buildApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<RouterResponder<BasicRequestContext>> {
        var app = Application(
            router: self.buildRouter(),
            configuration: .init(
                address: .hostname(self.configuration.host, port: self.configuration.port),
                serverName: "usage-collector"
            ),
            services: self.services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: self.logger
        )
        let store = self.store
        let insights = self.insights
        let flags = self.flags
        let experiments = Self.experimentStore(beside: store, logger: self.logger)
        let cohorts = self.cohorts
        app.beforeServerStarts {
            // A shutdown request (SIGTERM) while the migration waits or runs stops the start.
            do {
                try await cancelWhenGracefulShutdown {
                    try await store.migrate()
                    try await flags?.migrateFlags()
                    try await experiments?.migrateExperiments()
                    try await cohorts?.migrateCohorts()
                }
            } catch {
                throw CollectorStartupError(
                    migrationFailure: error, interrupted: Task.isShuttingDownGracefully || Task.isCancelled)
            }
            insights.storeIsMigrated()
        }
        return app
    }
}

/// Builds the collector's HTTP application from its configuration: the entry point of `psa collector`
/// and of the collector embedded in `psa serve`.
///
/// ```swift
/// let app = try buildCollectorApplication(configuration: configuration, logger: logger)
/// try await app.runService()   // or add `app` to a ServiceGroup beside another application
/// ```
public func buildCollectorApplication(
    configuration: CollectorConfiguration,
    logger: Logger
) throws -> Application<RouterResponder<BasicRequestContext>> {
    try Collector.open(configuration: configuration, logger: logger).buildApplication()
}
