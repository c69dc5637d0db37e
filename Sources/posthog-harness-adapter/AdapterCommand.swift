import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `posthog-harness-adapter`: the SDK behind the HTTP adapter interface of PostHog's SDK test harness.
@main
struct AdapterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posthog-harness-adapter",
        abstract: "Serve the usage-analytics SDK behind PostHog's SDK test-harness adapter interface.",
        discussion: """
            Events go through the SDK's real pipeline (sanitizer, spool, retries, PostHog /batch/ transport); \
            only the distinct_id is kept verbatim, as the harness expects. Set ANALYTICS_SPOOL_DIR to keep \
            undelivered events on disk across restarts.
            """)

    @Option(help: "The port to listen on (default: $PORT, else 8080).")
    var port: Int?

    @Option(help: "The address to bind.")
    var hostname = "127.0.0.1"

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let resolvedPort: Int
        if let port {
            resolvedPort = port
        } else if let text = environment["PORT"], !text.isEmpty {
            guard let value = Int(text), (0...65_535).contains(value) else {
                throw ValidationError("PORT=\(text.prefix(20).debugDescription) is not a port from 0 to 65535")
            }
            resolvedPort = value
        } else {
            resolvedPort = 8080
        }
        var logger = Logger(label: "posthog-harness-adapter")
        logger.logLevel = .info
        let adapter = HarnessAdapter(spoolDirectory: environment["ANALYTICS_SPOOL_DIR"], logger: logger)
        let app = Application(
            router: adapter.router(),
            configuration: .init(address: .hostname(hostname, port: resolvedPort)),
            onServerRunning: { channel in
                let line = "posthog-harness-adapter listening on port \(channel.localAddress?.port ?? resolvedPort)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            },
            logger: logger)
        try await app.runService()
        await adapter.stop()
    }
}
