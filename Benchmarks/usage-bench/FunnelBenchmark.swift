import Foundation
import GRDB
import Logging
import UsageCollector

/// `usage-bench funnel`: N synthetic events for 100k distinct ids over 30 days, loaded through the
/// collector's SQLite store; then the insights engine is rebuilt from the store as a restart would, and a
/// 3-step funnel, a daily unique-users trend with a breakdown and a behavioural cohort's members are timed. The baseline, in the same run,
/// is the same funnel as plain SQL on the same SQLite store (step rows copied to an indexed temporary
/// table, then joined: the fastest SQL shape measured in INSIGHTS.md).
///
/// Options: `--events N` (default 1000000), `--persons N` (100000), `--repeat N` query runs (5).
struct FunnelBenchmark {
    static let project = "phc_bench"
    static let days: Int64 = 30
    static let start: Int64 = 1_767_225_600_000_000  // 2026-01-01T00:00:00Z
    static let steps = ["signup", "activate", "purchase"]
    static let window: Int64 = 14 * 86_400_000_000

    let events: Int
    let persons: Int
    let repeats: Int

    init(arguments: [String]) {
        let options = BenchmarkArguments(arguments: arguments)
        self.events = options.integer("--events", minimum: 1000) ?? 1_000_000
        self.persons = options.integer("--persons", minimum: 10) ?? 100_000
        self.repeats = options.integer("--repeat", minimum: 1) ?? 5
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("usage-bench-funnel-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path)
        try await store.migrate()
        print("funnel: \(self.events) events, \(self.persons) distinct ids, \(Self.days) days, SQLite store")

        let loadStart = ContinuousClock.now
        var generator = FunnelWorkload(persons: self.persons, events: self.events, start: Self.start, days: Self.days)
        var remaining = self.events
        while remaining > 0 {
            let count = min(remaining, 20_000)
            _ = try await store.insert(generator.next(count))
            remaining -= count
        }
        print("store_load_ms=\(Self.milliseconds(ContinuousClock.now - loadStart))")

        var logger = Logger(label: "usage-bench")
        logger.logLevel = .warning
        let engine = InsightsEngine(store: store, logger: logger)
        engine.storeIsMigrated()
        let rebuildStart = ContinuousClock.now
        try await engine.rebuild()
        let loadMilliseconds = Self.milliseconds(ContinuousClock.now - rebuildStart)
        let footprint = engine.footprint

        let now = Date(timeIntervalSince1970: Double(Self.start + Self.days * 86_400_000_000) / 1_000_000)
        let (queryMilliseconds, funnelAnswer) = try self.best {
            try engine.answer(json: Self.funnelQuery, project: Self.project, now: now)
        }
        let (trendsMilliseconds, _) = try self.best {
            try engine.answer(json: Self.trendsQuery, project: Self.project, now: now)
        }
        let (cohortMilliseconds, cohortSize) = try self.best {
            String(try engine.cohortSize(filters: Self.cohortFilters, project: Self.project, now: now))
        }
        let sqlStart = ContinuousClock.now
        let sqlCounts = try await Self.sqlFunnel(store)
        let sqlMilliseconds = Self.milliseconds(ContinuousClock.now - sqlStart)

        print("engine_funnel_counts=\(Self.counts(funnelAnswer))")
        print("sql_first_entry_counts=\(sqlCounts)")
        print("load_ms=\(loadMilliseconds)")
        print("query_ms=\(queryMilliseconds)")
        print("trends_ms=\(trendsMilliseconds)")
        print("cohort_members=\(cohortSize)")
        print("cohort_ms=\(cohortMilliseconds)")
        print(
            "ratio_cohort_over_trends=\(String(format: "%.2f", Double(cohortMilliseconds) / Double(max(1, trendsMilliseconds))))"
        )
        print("bytes_per_event=\(footprint.bytes / max(1, footprint.events))")
        print("sql_query_ms=\(sqlMilliseconds)")
        print(
            "ratio_sql_over_engine=\(String(format: "%.1f", Double(sqlMilliseconds) / Double(max(1, queryMilliseconds))))"
        )
    }

    static let funnelQuery = """
        {"kind": "FunnelsQuery", "series": [{"kind": "EventsNode", "event": "signup"},
          {"kind": "EventsNode", "event": "activate"}, {"kind": "EventsNode", "event": "purchase"}],
         "dateRange": {"date_from": "2026-01-01", "date_to": "2026-01-30"},
         "funnelsFilter": {"funnelWindowInterval": 14, "funnelWindowIntervalUnit": "day"}}
        """

    static let trendsQuery = """
        {"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "$pageview", "math": "dau"}],
         "interval": "day", "dateRange": {"date_from": "2026-01-01", "date_to": "2026-01-30"},
         "breakdownFilter": {"breakdown": "plan"}}
        """

    /// A behavioural cohort over the same data: signed up in the last 30 days, and did not purchase twice in
    /// the last 14 (two criteria, both windows over most of the chunks).
    static let cohortFilters = """
        {"properties": {"type": "AND", "values": [
          {"type": "behavioral", "key": "signup", "value": "performed_event", "time_value": 30, "time_interval": "day"},
          {"type": "behavioral", "key": "purchase", "value": "performed_event_multiple", "operator": "gte",
           "operator_value": 2, "time_value": 14, "time_interval": "day", "negation": true}]}}
        """

    /// The fastest of `repeats` runs, in milliseconds, with the last answer.
    private func best(_ body: () throws -> String) throws -> (Int, String) {
        var fastest = Int.max
        var answer = ""
        for _ in 0..<self.repeats {
            let start = ContinuousClock.now
            answer = try body()
            fastest = min(fastest, Self.milliseconds(ContinuousClock.now - start))
        }
        return (fastest, answer)
    }

    static func counts(_ answer: String) -> [Int] {
        guard let steps = try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [[String: Any]] else {
            return []
        }
        return steps.compactMap { $0["count"] as? Int }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// First-entry funnel in SQL: each person's first step-1 event in the range, the first step-2 event after
    /// it within the window, then the first step-3 event after that, still within the window.
    static func sqlFunnel(_ store: SQLiteEventStore) async throws -> [Int] {
        let from = Self.start
        let to = Self.start + 30 * 86_400_000_000
        return try await store.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TEMP TABLE funnel_events AS SELECT event, distinct_id, timestamp FROM events
                    WHERE project = ? AND event IN ('signup', 'activate', 'purchase') AND timestamp >= ? AND timestamp < ?;
                    CREATE INDEX temp.funnel_events_person ON funnel_events (event, distinct_id, timestamp);
                    """, arguments: [Self.project, from, to])
            let row = try Row.fetchOne(
                db,
                sql: """
                    WITH s1 AS (SELECT distinct_id, min(timestamp) AS t1 FROM funnel_events WHERE event = 'signup' GROUP BY distinct_id),
                    s2 AS (SELECT s1.distinct_id, s1.t1, (SELECT min(timestamp) FROM funnel_events f WHERE f.event = 'activate'
                            AND f.distinct_id = s1.distinct_id AND f.timestamp >= s1.t1 AND f.timestamp <= s1.t1 + ?) AS t2 FROM s1),
                    s3 AS (SELECT s2.distinct_id, (SELECT min(timestamp) FROM funnel_events f WHERE f.event = 'purchase'
                            AND f.distinct_id = s2.distinct_id AND f.timestamp >= s2.t2 AND f.timestamp <= s2.t1 + ?) AS t3
                           FROM s2 WHERE t2 IS NOT NULL)
                    SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2 WHERE t2 IS NOT NULL),
                        (SELECT count(*) FROM s3 WHERE t3 IS NOT NULL)
                    """, arguments: [Self.window, Self.window])
            try db.execute(sql: "DROP TABLE temp.funnel_events")
            return [row?[0] ?? 0, row?[1] ?? 0, row?[2] ?? 0]
        }
    }
}

/// Synthetic events in arrival order (time order with up to a minute of jitter, UUIDv7 ids), each person
/// with a fixed plan and browser, persons and event names drawn from a deterministic generator.
struct FunnelWorkload {
    /// 26% page views, 39% funnel steps (the proportions measured in INSIGHTS.md), the rest other events.
    static let names =
        Array(repeating: "$pageview", count: 6) + Array(repeating: "signup", count: 3)
        + Array(repeating: "activate", count: 3) + Array(repeating: "purchase", count: 3)
        + Array(repeating: "feature_used", count: 5) + Array(repeating: "settings_changed", count: 3)
    static let plans = ["free", "pro", "team"]
    static let browsers = ["Chrome", "Firefox", "Safari", "Edge", "Opera"]

    let persons: Int
    let spacing: Int64
    let start: Int64
    private var produced: Int64 = 0
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(persons: Int, events: Int, start: Int64, days: Int64) {
        self.persons = persons
        self.spacing = days * 86_400_000_000 / Int64(max(1, events))
        self.start = start
    }

    /// SplitMix64: fast, deterministic, good enough for synthetic data.
    private mutating func random() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(_ count: Int) -> [EventRecord] {
        (0..<count).map { _ in
            let person = Int(self.random() % UInt64(self.persons))
            let name = Self.names[Int(self.random() % UInt64(Self.names.count))]
            let jitter = Int64(self.random() % 60_000_000)
            let timestamp = self.start + self.produced * self.spacing + jitter
            self.produced += 1
            let properties =
                #"{"plan": "\#(Self.plans[person % 3])", "$browser": "\#(Self.browsers[person % 5])", "n": \#(self.random() % 10)}"#
            return EventRecord(
                project: FunnelBenchmark.project,
                uuid: IngestWorkload.uuid7(timestamp: timestamp, sequence: UInt64(self.produced)),
                event: name, distinctID: "user-\(person)", timestamp: timestamp, properties: properties,
                receivedAt: timestamp)
        }
    }
}
