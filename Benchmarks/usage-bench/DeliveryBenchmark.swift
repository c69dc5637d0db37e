import AsyncHTTPClient
import CompressNIO
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import UsageAnalytics
import UsageCollector

/// `usage-bench delivery`: events per second from `capture` to durable rows in the local collector
/// (spool, gzip, HTTP, group commit), against raw POSTs of the same pre-encoded batches in the same run.
struct DeliveryBenchmark {
    var events = 200_000

    init(arguments: [String]) {
        events = BenchmarkArguments(arguments: arguments).integer("--events", minimum: 1_000) ?? events
    }

    func run() async throws {
        let directory = NSTemporaryDirectory() + "usage-bench-delivery-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let key = "phc_bench"
        let collector = try Collector.open(
            configuration: CollectorConfiguration(port: 0, dataDirectory: directory + "/collector", projectKeys: [key]),
            logger: logger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = collector.buildApplication(onServerRunning: { portContinuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let url = "http://127.0.0.1:\(await iterator.next() ?? 0)"

            var configuration = AnalyticsConfiguration()
            configuration.deploymentType = .hosted
            configuration.flushAt = 1_000
            configuration.bufferCapacity = events
            configuration.spoolDirectory = directory + "/spool"
            configuration.spoolMaxBytes = 1 << 30  // throughput, not the bound, is measured here
            let recorder = BatchRecorder()
            var options = DeliveryOptions()
            options.observer = recorder
            let analytics = try AnalyticsClient(
                configuration: configuration, installationStore: EphemeralInstallationStore(),
                destinations: [PostHogDestination(name: "collector", host: url, apiKey: key)],
                logger: logger, noticeOutput: NoticeOutput { _ in }, delivery: options)
            let actor = AnalyticsActor(tenant: "tenant-1", user: "user-1")
            let clock = ContinuousClock()
            let start = clock.now
            for index in 0..<events {
                analytics.capture(
                    TicketSearched(
                        queryLength: index % 40, searchFields: [.title], filtersUsed: [.status],
                        resultCount: index % 25,
                        limit: 25, durationMilliseconds: 4.5),
                    actor: actor)
            }
            await analytics.flush()
            let sdkSeconds = (clock.now - start).seconds
            let stored = try await collector.store.count(EventFilter())

            // Baseline: the same number of events as pre-encoded gzip /batch/ bodies of 100, posted one after
            // the other (as a destination's channel does), so only HTTP and the collector's commit remain.
            let bodies = try (0..<(events / 100)).map { _ in
                var plain = ByteBuffer(bytes: Self.batchBody(key: key))
                return try plain.compress(with: .gzip())
            }
            let rawStart = clock.now
            for gzip in bodies {
                var request = HTTPClientRequest(url: url + "/batch/")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "Content-Encoding", value: "gzip")
                request.body = .bytes(gzip)
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 16)
            }
            let rawSeconds = (clock.now - rawStart).seconds

            let sdkRate = Double(events) / sdkSeconds
            let rawRate = Double(events) / rawSeconds
            print("delivery: \(events) TicketSearched events, capture -> spool -> gzip /batch/ -> collector (SQLite)")
            print("stored \(stored) of \(events); \(recorder.requests) requests")
            print(String(format: "raw pre-encoded gzip POSTs of 100 events: %.0f events/s", rawRate))
            print(String(format: "ratio_vs_raw_post=%.2f", sdkRate / rawRate))
            print(String(format: "delivery_events_per_s=%.0f", sdkRate))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A /batch/ body of 100 fresh events shaped like the SDK's.
    static func batchBody(key: String) -> [UInt8] {
        var events: [String] = []
        for index in 0..<100 {
            let uuid = UUID().uuidString.lowercased()
            events.append(
                #"{"event":"ticket_searched","distinct_id":"u_0123456789abcdef0123456789abcdef","uuid":"\#(uuid)","#
                    + #""timestamp":"2026-11-26T22:00:00.000Z","properties":{"query_length":\#(index),"#
                    + #""search_fields":["title"],"result_count":3,"limit":25,"duration_ms":4.5,"#
                    + #""$lib":"usage-analytics-swift","$lib_version":"0.1.0","$geoip_disable":true}}"#)
        }
        return Array((#"{"api_key":"\#(key)","batch":["# + events.joined(separator: ",") + "]}").utf8)
    }
}

/// Counts requests the SDK made.
final class BatchRecorder: DeliveryObserver {
    private let count = Mutex(0)

    var requests: Int { count.withLock { $0 } }

    func deliveryAttempted(_ attempt: DeliveryAttempt) {
        count.withLock { $0 += 1 }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
