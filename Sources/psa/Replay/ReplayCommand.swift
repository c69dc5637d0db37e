import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import UsageCollector

/// `psa collector replay`: sends the stored events (or an NDJSON export) to a PostHog-compatible host.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send the collected events to PostHog or another PostHog-compatible host.",
        discussion: """
            Events go in gzipped /batch/ requests marked historical_migration, keeping their uuid and timestamp, \
            so the target drops any it already holds. After every acknowledged batch the position is written to \
            the checkpoint file; run the same command again after an interruption to resume from it.
            """
    )

    @Option(help: "Base URL of the target, such as https://eu.i.posthog.com.")
    var to: String

    @Option(help: "Project API key of the target.")
    var apiKey: String

    @Option(help: "Directory of the collector's SQLite database.")
    var dataDir: String = "./.collector"

    @Option(help: "The collector's PostgreSQL URL, instead of --data-dir.")
    var databaseURL: String?

    @Option(help: "An NDJSON export (GET /api/export?format=ndjson) to send instead of the stored events.")
    var file: String?

    @Option(help: "Only events at or after this time (ISO 8601, or YYYY-MM-DD for midnight UTC).")
    var from: String?

    @Option(help: "Only events before this time (ISO 8601, or YYYY-MM-DD).")
    var until: String?

    @Option(help: "Only events of this name.")
    var event: String?

    @Option(help: "Events per request (1 to 10000).")
    var batchSize: Int = 500

    @Option(help: "Checkpoint file (default: replay-checkpoint.json beside the source).")
    var checkpoint: String?

    func validate() throws {
        guard (1...10_000).contains(self.batchSize) else {
            throw ValidationError("--batch-size must be from 1 to 10000")
        }
        guard !self.apiKey.isEmpty, self.apiKey.count <= 200, !self.apiKey.contains(where: \.isWhitespace) else {
            throw ValidationError("--api-key must be a project key without spaces")
        }
        _ = try Self.endpoint(self.to)
        _ = try self.filter()
        if self.file != nil && self.databaseURL != nil {
            throw ValidationError("give --file or --database-url, not both")
        }
    }

    func run() async throws {
        var logger = Logger(label: "replay")
        logger.logLevel = .warning
        let endpoint = try Self.endpoint(self.to)
        let filter = try self.filter()
        let source =
            self.file.map { "file \($0)" } ?? (self.databaseURL == nil ? "SQLite in \(self.dataDir)" : "PostgreSQL")
        let scope =
            "\(source) -> \(endpoint) [from \(self.from ?? "-") until \(self.until ?? "-") event \(self.event ?? "-")]"
        let checkpointPath =
            self.checkpoint
            ?? (self.file.map { $0 + ".replay-checkpoint.json" } ?? self.dataDir + "/replay-checkpoint.json")
        var progress = try ReplayCheckpoint.load(path: checkpointPath, scope: scope)
        if progress.complete {
            Self.say(
                "already replayed \(progress.sent) events to \(endpoint) (checkpoint \(checkpointPath)); delete it to replay again"
            )
            return
        }
        if progress.sent > 0 { Self.say("resuming after \(progress.sent) events (checkpoint \(checkpointPath))") }

        let sender = ReplaySender(endpoint: endpoint, apiKey: self.apiKey, client: HTTPClient.shared)
        let run = ReplayRun(sender: sender, checkpointPath: checkpointPath, batchSize: self.batchSize) {
            Self.say($0)
        }
        if let file = self.file {
            try await run.replay(file: file, filter: filter, progress: &progress)
        } else {
            progress = try await ReplayStore.withStore(
                dataDirectory: self.dataDir, databaseURL: self.databaseURL, logger: logger
            ) { [progress] store in
                var advanced = progress
                try await run.replay(store: store, filter: filter, progress: &advanced)
                return advanced
            }
        }
        Self.say("replayed \(progress.sent) events to \(endpoint)")
    }

    /// `URL/batch/`, for an http or https base URL.
    static func endpoint(_ base: String) throws -> String {
        guard let components = URLComponents(string: base), components.scheme == "http" || components.scheme == "https",
            let host = components.host, !host.isEmpty, components.query == nil
        else {
            throw ValidationError("--to must be an http(s) base URL such as https://eu.i.posthog.com")
        }
        return base.hasSuffix("/") ? base + "batch/" : base + "/batch/"
    }

    private func filter() throws -> EventFilter {
        var filter = EventFilter(event: self.event)
        filter.from = try Self.time(self.from, option: "--from")
        filter.to = try Self.time(self.until, option: "--until")
        return filter
    }

    private static func time(_ text: String?, option: String) throws -> Int64? {
        guard let text else { return nil }
        guard let value = HistoricalBatch.microseconds(fromTime: text) else {
            throw ValidationError("\(option) must be an ISO 8601 time or a YYYY-MM-DD date")
        }
        return value
    }

    /// Writes a line to stdout at once: scripts and tests follow the progress.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
