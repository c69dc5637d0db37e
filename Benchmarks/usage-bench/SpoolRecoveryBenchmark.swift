import Foundation
import Logging
import UsageAnalytics

/// `usage-bench spool`: how long a start takes to recover 100,000 spooled events (read, checksum,
/// decode), against reading the same files' bytes raw in the same run.
struct SpoolRecoveryBenchmark {
    var records = 100_000

    init(arguments: [String]) {
        records = BenchmarkArguments(arguments: arguments).integer("--records", minimum: 1_000) ?? records
    }

    func run() async throws {
        let directory = NSTemporaryDirectory() + "usage-bench-spool-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        var configuration = AnalyticsConfiguration()
        configuration.flushAt = 1_000
        configuration.bufferCapacity = records
        configuration.maxRetries = 0
        configuration.spoolDirectory = directory
        configuration.spoolMaxBytes = 1 << 30

        do {
            let writer = try client(configuration, logger: logger)
            for index in 0..<records {
                writer.capture(
                    TicketCreated(
                        ticketType: .manual, priority: .high, hasDescription: index % 2 == 0, hasCategory: true,
                        hasSubcategory: false, isAssigned: true, hasAsset: false, createdVia: .webApp),
                    actor: AnalyticsActor(tenant: "tenant-\(index % 50)", user: "user-\(index % 700)"))
            }
            await writer.flush()
            let spooled = await writer.undeliveredCounts()["unreachable"] ?? 0
            guard spooled == records else {
                print("only \(spooled) of \(records) events were spooled")
                exit(1)
            }
        }

        let clock = ContinuousClock()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/unreachable")
            .filter { $0.hasSuffix(".log") }
        let rawStart = clock.now
        var bytes = 0
        for file in files {
            bytes += try Data(contentsOf: URL(fileURLWithPath: directory + "/unreachable/" + file)).count
        }
        let rawSeconds = (clock.now - rawStart).seconds

        let start = clock.now
        let restarted = try client(configuration, logger: logger)
        let recovered = await restarted.undeliveredCounts()["unreachable"] ?? 0
        let seconds = (clock.now - start).seconds

        print("spool recovery: \(recovered) of \(records) events, \(bytes / 1024) KiB in \(files.count) segments")
        print(String(format: "raw read of the same files: %.1f ms", rawSeconds * 1000))
        print(String(format: "ratio_vs_raw_read=%.1f", seconds / rawSeconds))
        print(String(format: "spool_recovery_ms=%.1f", seconds * 1000))
    }

    func client(_ configuration: AnalyticsConfiguration, logger: Logger) throws -> AnalyticsClient {
        try AnalyticsClient(
            configuration: configuration,
            installationStore: EphemeralInstallationStore(
                .init(
                    id: "bench", secret: Array(repeating: 1, count: 32), createdAt: Date(), noticeShownAt: Date())),
            destinations: [UnreachableDestination()], logger: logger, noticeOutput: NoticeOutput { _ in })
    }
}

/// A destination that is always down, so every event stays spooled.
struct UnreachableDestination: AnalyticsDestination {
    let name = "unreachable"

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        throw DeliveryFailure(kind: .transient, reason: "unreachable")
    }
}
