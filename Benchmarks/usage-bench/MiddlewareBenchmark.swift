import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import PSA
import ServiceLifecycle
import Synchronization
import UsageAnalytics

/// `usage-bench middleware`: PSA requests per second over loopback HTTP (in turn a ticket read, a search, a week of
/// time entries and an invoice, from several connections) with analytics on and off, in alternating rounds of the
/// same run.
///
/// Analytics on is the real pipeline (middleware `api_request` events, `ticket_searched`, the timed search,
/// identity hashing and encoding in the background exporter) delivering to a destination that discards,
/// so the figure is the instrumentation's cost to the host; `usage-bench delivery` measures delivery.
///
/// The machine is shared and noisy, so the settings alternate in many short rounds and the figure is the
/// median of each round pair's ratio (on over the off round just before it), which cancels slow drift.
///
/// Options: `--requests N` per round (default 4000), `--rounds N` per setting (15), `--concurrency N` (16),
/// `--tickets N` in the tenant (500), `--sample-percent N` of requests that send `api_request` (100).
struct MiddlewareBenchmark {
    let requests: Int
    let rounds: Int
    let concurrency: Int
    let tickets: Int
    /// `ANALYTICS_API_REQUEST_SAMPLE_RATE` of the "on" setting, in percent (`--sample-percent`, default 100).
    let samplePercent: Int

    init(arguments: [String]) {
        let options = BenchmarkArguments(arguments: arguments)
        requests = options.integer("--requests", minimum: 100) ?? 4_000
        rounds = options.integer("--rounds", minimum: 1) ?? 15
        concurrency = options.integer("--concurrency", minimum: 1) ?? 16
        tickets = options.integer("--tickets", minimum: 1) ?? 500
        samplePercent = min(100, options.integer("--sample-percent", minimum: 0) ?? 100)
    }

    func run() async throws {
        var logger = Logger(label: "usage-bench")
        logger.logLevel = .warning
        let discarded = DiscardingDestination()
        var configuration = AnalyticsConfiguration()
        configuration.apiRequestSampleRate = Double(samplePercent) / 100
        let on = try AnalyticsClient(
            configuration: configuration, installationStore: EphemeralInstallationStore(),
            destinations: [discarded], logger: logger, noticeOutput: NoticeOutput { _ in }, delivery: .memoryOnly)
        let off = AnalyticsClient.disabled
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("usage-bench-mw-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                connectionPool: .init(
                    idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)))
        print(
            "middleware: \(requests) requests a round (ticket read, search, time entries, invoice in turn), "
                + "\(rounds) rounds each, "
                + "concurrency \(concurrency), \(tickets) tickets, SQLite")
        var rates: [Bool: [Double]] = [true: [], false: []]
        try await withPSA(analytics: off, directory: directory.appendingPathComponent("off"), logger: logger) {
            offURL in
            try await withPSA(analytics: on, directory: directory.appendingPathComponent("on"), logger: logger) {
                onURL in
                let offTarget = try await Target.prepare(base: offURL, tickets: tickets, client: client)
                let onTarget = try await Target.prepare(base: onURL, tickets: tickets, client: client)
                _ = try await offTarget.drive(requests: requests / 4, concurrency: concurrency, client: client)
                _ = try await onTarget.drive(requests: requests / 4, concurrency: concurrency, client: client)
                for round in 1...rounds {
                    for (enabled, target) in [(false, offTarget), (true, onTarget)] {
                        let rate = try await target.drive(requests: requests, concurrency: concurrency, client: client)
                        rates[enabled, default: []].append(rate)
                        print("round \(round) analytics \(enabled ? "on " : "off"): \(Int(rate)) requests/s")
                    }
                }
                await on.flush()
            }
        }
        try await client.shutdown()
        let onRates = rates[true] ?? []
        let offRates = rates[false] ?? []
        let pairRatios = zip(onRates, offRates).map { $0 / $1 }
        print("events_delivered=\(discarded.count)")
        print("requests_per_s_on=\(Int(median(onRates))) requests_per_s_off=\(Int(median(offRates)))")
        print("ratio_of_medians=\(String(format: "%.3f", median(onRates) / median(offRates)))")
        print("ratio=\(String(format: "%.3f", median(pairRatios)))")
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    private func withPSA(
        analytics: AnalyticsClient, directory: URL, logger: Logger, _ body: (String) async throws -> Void
    ) async throws {
        var configuration = PSAConfiguration()
        configuration.analytics.apiRequestSampleRate = Double(samplePercent) / 100
        configuration.port = 0
        configuration.dataDirectory = directory.path
        configuration.bcryptCost = 4
        let psa = try await PSA.open(configuration: configuration, analytics: analytics, logger: logger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = psa.buildApplication { port in portContinuation.yield(port) }
        let group = ServiceGroup(
            configuration: .init(services: [analytics, app], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            try await body("http://127.0.0.1:\(port)")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try await psa.database.close()
    }
}

/// A signed-in tenant with tickets to read and search, a week of approved time and its invoice.
private struct Target: Sendable {
    let base: String
    let token: String
    let ticketIDs: [String]
    let invoiceID: String

    /// The week the prepared time is logged in.
    static let week = (start: "2026-09-21", end: "2026-09-27")

    static func prepare(base: String, tickets: Int, client: HTTPClient) async throws -> Target {
        let email = "bench-\(UUID().uuidString.prefix(8).lowercased())@example.test"
        _ = try await send(
            client, .POST, base + "/api/auth/signup",
            #"{"company": "Bench", "email": "\#(email)", "password": "benchmark password", "name": "Bench"}"#)
        let login = try await send(
            client, .POST, base + "/api/auth/login", #"{"email": "\#(email)", "password": "benchmark password"}"#)
        let token = try JSONDecoder().decode([String: String].self, from: Data(login.utf8))["token"] ?? ""
        var ids: [String] = []
        for index in 0..<tickets {
            let ticket = try await send(
                client, .POST, base + "/api/tickets",
                #"{"title": "Ticket \#(index) printer", "priority": "\#(["low", "high"][index % 2])"}"#, token: token)
            if let object = try JSONSerialization.jsonObject(with: Data(ticket.utf8)) as? [String: Any],
                let id = object["id"] as? String
            {
                ids.append(id)
            }
        }
        let invoiceID = try await prepareBilling(base: base, token: token, client: client)
        return Target(base: base, token: token, ticketIDs: ids, invoiceID: invoiceID)
    }

    /// A client with a ticket, 20 billable entries in ``week``, the week approved and invoiced.
    private static func prepareBilling(base: String, token: String, client: HTTPClient) async throws -> String {
        func id(_ text: String) throws -> String {
            (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["id"] as? String ?? ""
        }
        let clientID = try id(try await send(client, .POST, base + "/api/clients", #"{"name": "Bench"}"#, token: token))
        let serviceID = try id(
            try await send(
                client, .POST, base + "/api/services", #"{"name": "Support", "default_rate_minor": 9000}"#,
                token: token))
        let ticketID = try id(
            try await send(
                client, .POST, base + "/api/tickets", #"{"title": "Billed", "client_id": "\#(clientID)"}"#,
                token: token))
        for index in 0..<20 {
            let start = "2026-09-2\(1 + index / 4)T\(String(format: "%02d", 8 + index % 4 * 2)):00:00Z"
            _ = try await send(
                client, .POST, base + "/api/time-entries",
                #"{"ticket_id": "\#(ticketID)", "started_at": "\#(start)", "duration_minutes": 90, "billable": true, "service_id": "\#(serviceID)"}"#,
                token: token)
        }
        let sheetID = try id(
            try await send(
                client, .POST, base + "/api/timesheets/submit", #"{"period_start": "\#(week.start)"}"#, token: token))
        _ = try await send(client, .POST, base + "/api/timesheets/\(sheetID)/approve", token: token)
        return try id(
            try await send(
                client, .POST, base + "/api/invoices",
                #"{"client_id": "\#(clientID)", "period_start": "\#(week.start)", "period_end": "\#(week.end)"}"#,
                token: token))
    }

    /// Sends `requests` requests from `concurrency` workers and returns requests per second.
    func drive(requests: Int, concurrency: Int, client: HTTPClient) async throws -> Double {
        let next = IngestRequestCounter()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while true {
                        let index = next.take()
                        guard index < requests else { return }
                        let path =
                            switch index % 4 {
                            case 0: "/api/tickets/\(ticketIDs[index / 4 % ticketIDs.count])"
                            case 1: "/api/tickets?q=printer&priority=high&limit=10"
                            case 2: "/api/time-entries?from=\(Self.week.start)&to=\(Self.week.end)"
                            default: "/api/invoices/\(invoiceID)"
                            }
                        _ = try await Self.send(client, .GET, base + path, token: token)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        return Double(requests) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    static func send(
        _ client: HTTPClient, _ method: HTTPMethod, _ url: String, _ body: String? = nil, token: String? = nil
    ) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        guard (200..<300).contains(response.status.code) else {
            throw IngestBenchmarkError.unexpectedStatus(response.status.code)
        }
        return String(buffer: bytes)
    }
}

/// Counts delivered events and keeps none.
private final class DiscardingDestination: AnalyticsDestination {
    let name = "discard"
    private let delivered = Mutex(0)

    var count: Int { delivered.withLock { $0 } }

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        delivered.withLock { $0 += events.count }
        return DeliveryReceipt()
    }
}
