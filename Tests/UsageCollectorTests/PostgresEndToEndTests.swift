import Foundation
import HummingbirdTesting
import NIOCore
import PostgresTestSupport
import Testing

@testable import UsageCollector

/// The whole collector on PostgreSQL (`--database-url`), over loopback HTTP.
@Suite(
    "Collector on PostgreSQL", .timeLimit(.minutes(2)),
    .enabled(if: PostgresTestServer.isAvailable, "needs PostgreSQL's server binaries (apt-get install postgresql)"))
struct PostgresEndToEndTests {
    @Test("capture, dedup on retry, all-or-nothing, export and deletion work on PostgreSQL")
    func endToEnd() async throws {
        let url = try await PostgresDatabase.create()
        let collector = try TestCollector(configure: { $0.databaseURL = url })
        #expect(collector.store is PostgresEventStore)
        let body = Payload.batch((0..<100).map { Payload.event(distinctID: "pg-user-\($0 % 4)") })
        try await collector.withLiveServer { client in
            let first = try await client.post("/batch/", Payload.gzip(body), headers: [.contentEncoding: "gzip"])
            #expect(first.status == .ok)
            #expect(first.text == #"{"status": 1}"#)
            let retry = try await client.post("/batch/", json: body)
            #expect(retry.status == .ok)
            let invalid = try await client.post(
                "/batch/",
                json: Payload.batch([Payload.event(), Payload.event(uuid: nil, extra: #""uuid": "nope""#)])
            )
            #expect(invalid.status == .badRequest)
            let nullCharacter = try await client.post(
                "/batch/",
                json: Payload.batch([#"{"event": "nul", "distinct_id": "n", "properties": {"v": "a\u0000b"}}"#])
            )
            #expect(nullCharacter.status == .ok)
            let exported = try await client.admin("/api/export?format=ndjson", method: .get)
            #expect(exported.text.split(separator: "\n").count == 101)
            // jsonb keeps the replacement character itself rather than its escape.
            #expect(exported.text.contains("{\"v\": \"a\u{FFFD}b\"}"))
            let deleted = try await client.admin("/api/persons/pg-user-1", method: .delete)
            #expect(deleted.text == #"{"deleted": 25}"#)
            let readiness = try await client.execute(uri: "/_readiness", method: .get)
            #expect(readiness.status == .ok)
        }
        let remaining = try await Self.count(url: url)
        #expect(remaining == 76)
    }

    /// Counts rows with a fresh store (the collector's client stopped with its application).
    static func count(url: String) async throws -> Int {
        let store = try PostgresEventStore(
            url: url, logger: .init(label: "count")
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.client.run() }
            defer { group.cancelAll() }
            return try await store.count(EventFilter())
        }
    }
}
