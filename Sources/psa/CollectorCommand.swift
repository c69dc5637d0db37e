import ArgumentParser
import Foundation
import Logging
import UsageCollector

/// `psa collector`: the collector's commands; without a subcommand, `serve`.
struct CollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collector",
        abstract: "Run the PostHog-compatible usage collector, or replay its events to another host.",
        // `psa collector --port 0` runs `serve`: a subcommand cannot reuse its parent's option names (replay also
        // takes --data-dir and --database-url), so the server is a subcommand too, the default one.
        subcommands: [CollectorServeCommand.self, ReplayCommand.self],
        defaultSubcommand: CollectorServeCommand.self
    )
}

/// `psa collector [serve]`: runs the PostHog-compatible collector alone.
struct CollectorServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the PostHog-compatible usage collector (ingestion and storage).",
        discussion: """
            Environment: COLLECTOR_PROJECT_KEYS (comma-separated project keys accepted by capture; \
            generated and stored under --data-dir when unset), COLLECTOR_ADMIN_TOKEN (bearer token of the \
            admin API; disabled when unset), COLLECTOR_RETENTION_DAYS (delete older events), \
            COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT (request bytes held at once).
            """
    )

    @Option(help: "Port to listen on (0 picks a free port).")
    var port: Int = 8787

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Directory of the SQLite database.")
    var dataDir: String = "./.collector"

    @Option(help: "PostgreSQL URL (postgres://user:password@host:port/database); SQLite when absent.")
    var databaseURL: String?

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "usage-collector")
        logger.logLevel = .info

        var configuration = CollectorConfiguration(
            host: self.host,
            port: self.port,
            dataDirectory: self.dataDir,
            databaseURL: self.databaseURL
        )
        do {
            try configuration.apply(environment: ProcessInfo.processInfo.environment)
        } catch let error as CollectorConfigurationError {
            throw ValidationError(error.description)
        }
        if configuration.projectKeys.isEmpty {
            let key = try CollectorKeyFile.loadOrCreate(directory: self.dataDir)
            configuration.projectKeys = [key]
            Self.say("project key (from \(self.dataDir)/project-key): \(key)")
        }
        if configuration.adminToken == nil {
            Self.say("admin API disabled: set COLLECTOR_ADMIN_TOKEN to enable export, import and deletion")
        }

        let collector = try Collector.open(configuration: configuration, logger: logger)
        let storage = configuration.databaseURL == nil ? "SQLite in \(self.dataDir)" : "PostgreSQL"
        let host = configuration.host
        let app = collector.buildApplication { port in
            Self.say("collector listening on http://\(host):\(port) (\(storage))")
        }
        try await app.runService()
    }

    /// Writes a line to stdout at once (unbuffered): scripts and tests read the port from it.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
