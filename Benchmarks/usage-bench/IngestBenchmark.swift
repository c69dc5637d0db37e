import AsyncHTTPClient
import CompressNIO
import Foundation
import GRDB
import GRDBSQLite
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import UsageCollector

/// `usage-bench ingest`: gzip `/batch/` requests of 100 events over loopback HTTP into a collector with
/// durable SQLite commits, then, in the same run, the same rows through a raw prepared statement in
/// batched transactions on a fresh database with the same schema and pragmas.
///
/// Options: `--events N` (default 300000), `--batch N` (100), `--concurrency N` (32),
/// `--raw-transaction N` rows per raw transaction (10000), `--commit-events N` group commit size,
/// `--database-url postgres://…` to ingest into an empty PostgreSQL database instead (the raw baseline
/// stays SQLite).
func runIngestBenchmark(arguments: [String]) async throws {
    let options = IngestBenchmarkOptions(arguments: arguments)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("usage-bench-ingest-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let key = "phc_bench"
    let warmup = IngestWorkload(events: options.batch * 50, batch: options.batch, key: key)
    let workload = IngestWorkload(events: options.events, batch: options.batch, key: key)
    print(
        "ingest: \(options.events) events, \(workload.bodies.count) gzip requests of \(options.batch) "
            + "(avg \(workload.averageCompressedBytes) B gzip, \(workload.averageEventBytes) B/event JSON), "
            + "concurrency \(options.concurrency), "
            + (options.databaseURL == nil ? "SQLite WAL synchronous=FULL" : "PostgreSQL (empty database expected)")
    )

    var logger = Logger(label: "usage-bench")
    logger.logLevel = .warning
    var configuration = CollectorConfiguration(
        port: 0, dataDirectory: directory.appendingPathComponent("collector").path)
    configuration.projectKeys = [key]
    configuration.groupCommit.maxEvents = options.commitEvents
    configuration.databaseURL = options.databaseURL
    let collector = try Collector.open(configuration: configuration, logger: logger)
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = collector.buildApplication { port in portContinuation.yield(port) }

    let httpClient = HTTPClient(
        eventLoopGroupProvider: .singleton,
        // One connection per worker: AsyncHTTPClient's default of 8 would cap the requests in flight.
        configuration: .init(
            connectionPool: .init(
                idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)
        )
    )
    let serviceGroup = ServiceGroup(
        configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger)
    )
    let httpRate: Double = try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await serviceGroup.run() }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next() else { throw IngestBenchmarkError.serverDidNotStart }
        let url = "http://127.0.0.1:\(port)/batch/"
        _ = try await IngestBenchmark.send(warmup.bodies, to: url, client: httpClient, concurrency: options.concurrency)
        let seconds = try await IngestBenchmark.send(
            workload.bodies, to: url, client: httpClient, concurrency: options.concurrency)
        let stored = try await collector.store.count(EventFilter(project: key))
        guard stored == warmup.records.count + workload.records.count else {
            throw IngestBenchmarkError.lostEvents(
                expected: warmup.records.count + workload.records.count, stored: stored)
        }
        let committed = collector.writer.committed
        print("group commits: \(committed.commits), \(committed.events / max(1, committed.commits)) events on average")
        await serviceGroup.triggerGracefulShutdown()
        try await group.waitForAll()
        return Double(workload.records.count) / seconds
    }
    try await httpClient.shutdown()

    let rawRate = try IngestBenchmark.rawSQLiteRate(
        records: workload.records,
        path: directory.appendingPathComponent("raw.sqlite").path,
        transactionSize: options.rawTransactionSize
    )
    print("events_per_s=\(Int(httpRate))")
    print("raw_sqlite_events_per_s=\(Int(rawRate))")
    print("ratio=\(String(format: "%.2f", httpRate / rawRate))")
}

/// The two measured paths of the ingest benchmark.
enum IngestBenchmark {
    /// Sends every body with `concurrency` workers; returns the wall-clock seconds from first send to last answer.
    static func send(
        _ bodies: [ByteBuffer],
        to url: String,
        client: HTTPClient,
        concurrency: Int
    ) async throws -> Double {
        let next = IngestRequestCounter()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while true {
                        let index = next.take()
                        guard index < bodies.count else { return }
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.headers.add(name: "Content-Encoding", value: "gzip")
                        request.body = .bytes(bodies[index])
                        let response = try await client.execute(request, timeout: .seconds(60))
                        _ = try await response.body.collect(upTo: 1024)
                        guard response.status.code == 200 else {
                            throw IngestBenchmarkError.unexpectedStatus(response.status.code)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The baseline: the same rows through one reused prepared statement with raw binds, `transactionSize`
    /// rows a transaction, on the collector's schema and pragmas.
    static func rawSQLiteRate(records: [EventRecord], path: String, transactionSize: Int) throws -> Double {
        let pool = try DatabasePool(path: path, configuration: SQLiteEventStore.configuration())
        try SQLiteEventStore.migrator.migrate(pool)
        let sql = """
            INSERT INTO events (project, uuid, event, distinct_id, timestamp, properties, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project, uuid) DO NOTHING
            """
        let start = ContinuousClock.now
        try pool.writeWithoutTransaction { db in
            let statement = try db.makeStatement(sql: sql)
            let raw = statement.sqliteStatement
            var index = 0
            while index < records.count {
                let end = min(index + transactionSize, records.count)
                try db.inTransaction {
                    for record in records[index..<end] {
                        SQLiteBinder.bind(record.project, to: raw, at: 1)
                        withUnsafeBytes(of: record.uuid.uuid) { bytes in
                            _ = sqlite3_bind_blob(raw, 2, bytes.baseAddress, 16, SQLiteBinder.transient)
                        }
                        SQLiteBinder.bind(record.event, to: raw, at: 3)
                        SQLiteBinder.bind(record.distinctID, to: raw, at: 4)
                        sqlite3_bind_int64(raw, 5, record.timestamp)
                        SQLiteBinder.bind(record.properties, to: raw, at: 6)
                        sqlite3_bind_int64(raw, 7, record.receivedAt)
                        guard sqlite3_step(raw) == SQLITE_DONE else {
                            throw DatabaseError(message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                        }
                        sqlite3_reset(raw)
                    }
                    return .commit
                }
                index = end
            }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let count = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
        guard count == records.count else {
            throw IngestBenchmarkError.lostEvents(expected: records.count, stored: count)
        }
        return Double(records.count) / seconds
    }
}
