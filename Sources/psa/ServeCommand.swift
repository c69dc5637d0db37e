import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import PSA
import Prometheus
import ServiceLifecycle
import UsageAnalytics
import UsageCollector

/// `psa serve`: the PSA API and, unless `--no-collector`, the embedded collector, in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the PSA API and the embedded usage collector (SQLite under the data directory).",
        discussion: """
            Environment: PSA_PORT, COLLECTOR_PORT, PSA_DATA_DIR, DATABASE_URL (PostgreSQL for the PSA's data), \
            POSTHOG_HOST and POSTHOG_API_KEY (send events there instead of the embedded collector), the \
            ANALYTICS_* variables and ALGA_USAGE_STATS, and the collector's COLLECTOR_* variables. Flags override \
            the environment.
            """)

    @Option(help: "Port of the PSA API (PSA_PORT, default 8080).")
    var port: Int?

    @Option(help: "Port of the embedded collector and dashboard (COLLECTOR_PORT, default 8787).")
    var collectorPort: Int?

    @Option(help: "Address both servers bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Where data lives (PSA_DATA_DIR, default ./.psa).")
    var dataDir: String?

    @Flag(help: "Run the PSA alone, without the embedded collector.")
    var noCollector = false

    @Flag(help: "Accept X-Simulated-Time on requests (for `psa simulate`); never in production.")
    var simulation = false

    func run() async throws {
        // Everything serve writes (databases, keys, spool) is the owner's alone.
        umask(0o077)
        let environment = ProcessInfo.processInfo.environment
        var psaConfiguration: PSAConfiguration
        var analyticsConfiguration: AnalyticsConfiguration
        var collectorConfiguration: CollectorConfiguration
        do {
            psaConfiguration = try PSAConfiguration(environment: environment)
            analyticsConfiguration = try AnalyticsConfiguration(environment: environment)
            collectorConfiguration = CollectorConfiguration(host: host, port: 8787, dataDirectory: "")
            try collectorConfiguration.apply(environment: environment)
            collectorConfiguration.port =
                try Self.port(collectorPort, environment: environment, variable: "COLLECTOR_PORT") ?? 8787
        } catch let error as any CustomStringConvertible & Error {
            throw ValidationError(error.description)
        }
        guard collectorConfiguration.port != 0 || noCollector else {
            throw ValidationError("COLLECTOR_PORT must be from 1 to 65535: the PSA sends its events to that port")
        }
        psaConfiguration.host = host
        psaConfiguration.port = try Self.port(port, environment: [:], variable: "--port") ?? psaConfiguration.port
        if let dataDir { psaConfiguration.dataDirectory = dataDir }
        psaConfiguration.acceptsSimulatedTime = simulation
        analyticsConfiguration.dataDirectory = psaConfiguration.dataDirectory
        collectorConfiguration.dataDirectory = psaConfiguration.dataDirectory + "/collector"
        try Self.prepareDataDirectory(psaConfiguration.dataDirectory)

        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "psa")
        logger.logLevel = .info
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        var services: [any Service] = []
        let collectorListens = Readiness()
        if !noCollector {
            try Self.prepareSecrets(of: &collectorConfiguration)
            let collector = try Collector.open(configuration: collectorConfiguration, logger: logger)
            services.append(collector.buildApplication { _ in collectorListens.signal() })
            if analyticsConfiguration.host == nil {
                analyticsConfiguration.host = "http://\(Self.loopback(for: host)):\(collectorConfiguration.port)"
                analyticsConfiguration.apiKey = collectorConfiguration.projectKeys.first
            }
            Self.say("collector listening on http://\(host):\(collectorConfiguration.port)")
        }
        if analyticsConfiguration.isEnabled, analyticsConfiguration.host == nil {
            Self.say("analytics off: no collector (--no-collector) and no POSTHOG_HOST to send events to")
            analyticsConfiguration.isEnabled = false
        }
        let analytics: AnalyticsClient
        do {
            analytics = try AnalyticsClient(configuration: analyticsConfiguration, logger: logger)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        if let destination = analyticsConfiguration.host, analytics.isEnabled {
            Self.say("analytics events go to \(destination)")
        }
        psaConfiguration.analytics = analyticsConfiguration
        let psa = try await PSA.open(configuration: psaConfiguration, analytics: analytics, logger: logger)
        let storage = psaConfiguration.databaseURL == nil ? "SQLite in \(psaConfiguration.dataDirectory)" : "PostgreSQL"
        let app = psa.buildApplication(metrics: registry) { port in
            Self.say("PSA API listening on http://\(host):\(port) (\(storage))")
        }
        // Services stop in reverse order: the API first, then analytics (its last flush reaches the
        // collector), then the collector. They start when the embedded collector listens.
        if noCollector {
            services += [analytics, app]
        } else {
            services += [
                StartsWhenReady(service: analytics, readiness: collectorListens),
                StartsWhenReady(service: app, readiness: collectorListens),
            ]
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        try await psa.database.close()
    }

    /// The collector's project key and admin token: from the environment, or generated into the data
    /// directory on first start and printed that once.
    private static func prepareSecrets(of configuration: inout CollectorConfiguration) throws {
        let directory = configuration.dataDirectory
        if configuration.projectKeys.isEmpty {
            let existed = FileManager.default.fileExists(atPath: directory + "/project-key")
            configuration.projectKeys = [try CollectorKeyFile.loadOrCreate(directory: directory)]
            say(
                existed
                    ? "collector project key: in \(directory)/project-key"
                    : "collector project key (generated, stored in \(directory)/project-key): "
                        + configuration.projectKeys[0])
        }
        if configuration.adminToken == nil {
            let existed = FileManager.default.fileExists(atPath: directory + "/admin-token")
            configuration.adminToken = try CollectorKeyFile.loadOrCreateAdminToken(directory: directory)
            say(
                existed
                    ? "collector admin token: in \(directory)/admin-token"
                    : "collector admin token (generated, shown once, stored in \(directory)/admin-token): "
                        + (configuration.adminToken ?? ""))
        }
    }

    /// Creates the data directory readable by its owner only, and tightens one that exists.
    private static func prepareDataDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    }

    /// The address by which this process reaches a server it bound to `host`.
    static func loopback(for host: String) -> String {
        switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::", "::1", "[::]", "[::1]": "[::1]"
        default: host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
    }

    private static func port(_ flag: Int?, environment: [String: String], variable: String) throws -> Int? {
        if let flag {
            guard (0...65_535).contains(flag) else { throw ValidationError("\(variable) must be from 0 to 65535") }
            return flag
        }
        guard let raw = environment[variable]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = Int(raw), (0...65_535).contains(value) else {
            throw ValidationError("\(variable)=\(raw.prefix(20).debugDescription) is not valid: expected 0 to 65535")
        }
        return value
    }

    /// Writes a line to stdout at once: scripts and tests read the ports from it.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
