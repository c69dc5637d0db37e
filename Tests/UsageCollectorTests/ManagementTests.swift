import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

@Suite("Admin API: export, import, deletion, retention, authentication")
struct ManagementTests {
    @Test("admin routes refuse a missing or wrong bearer token, and everything when no token is configured")
    func authentication() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let missing = try await client.execute(uri: "/api/export?format=ndjson", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(
                missing.text
                    == errorBody(
                        "invalid_admin_token", "a valid admin bearer token is required", type: "authentication_error"))
            let wrong = try await client.execute(
                uri: "/api/export",
                method: .get,
                headers: [.authorization: "Bearer admin-token-0123456789abcdeX"]
            )
            #expect(wrong.status == .unauthorized)
            let prefix = try await client.execute(
                uri: "/api/persons/x",
                method: .delete,
                headers: [.authorization: "Bearer admin-token"]
            )
            #expect(prefix.status == .unauthorized)
            let right = try await client.admin("/api/export?format=ndjson", method: .get)
            #expect(right.status == .ok)
        }
        let disabled = try TestCollector(configure: { $0.adminToken = nil })
        try await disabled.withLiveServer { client in
            let response = try await client.admin("/api/export", method: .get)
            #expect(response.status == .unauthorized)
            #expect(
                response.text
                    == errorBody("admin_disabled", "no admin token is configured", type: "authentication_error"))
        }
    }

    @Test("export streams NDJSON filtered by time and event; import of it into another collector round-trips")
    func exportImportRoundTrip() async throws {
        let source = try TestCollector()
        let events = (0..<2500).map { index in
            Payload.event(
                index % 5 == 0 ? "login" : "ticket_created",
                distinctID: "user-\(index % 7)",
                extra: #""timestamp": "2025-03-0\#(1 + index % 3)T12:00:00.\#(String(format: "%06d", index))Z""#
            )
        }
        let exported = try await source.withLiveServer { client in
            for chunk in stride(from: 0, to: events.count, by: 500) {
                let response = try await client.post(
                    "/batch/", json: Payload.batch(Array(events[chunk..<(chunk + 500)])))
                #expect(response.status == .ok)
            }
            let all = try await client.admin("/api/export?format=ndjson", method: .get)
            #expect(all.status == .ok)
            #expect(all.headers[.contentType] == "application/x-ndjson")
            let filtered = try await client.admin(
                "/api/export?format=ndjson&from=2025-03-02&to=2025-03-03T00:00:00Z&event=login",
                method: .get
            )
            let filteredLines = filtered.text.split(separator: "\n")
            #expect(filteredLines.count == (0..<2500).filter { $0 % 5 == 0 && $0 % 3 == 1 }.count)
            #expect(filteredLines.allSatisfy { $0.contains(#""event":"login""#) && $0.contains("2025-03-02T") })
            let badFormat = try await client.admin("/api/export?format=csv", method: .get)
            #expect(badFormat.status == .badRequest)
            return all.text
        }
        #expect(exported.split(separator: "\n").count == 2500)

        let target = try TestCollector()
        try await target.withLiveServer { client in
            let imported = try await client.admin("/api/import", method: .post, body: ByteBuffer(string: exported))
            #expect(imported.status == .ok)
            #expect(imported.text == #"{"status": 1, "received": 2500, "inserted": 2500}"#)
            let again = try await client.admin("/api/import", method: .post, body: ByteBuffer(string: exported))
            #expect(again.text == #"{"status": 1, "received": 2500, "inserted": 0}"#)
            // Everything survives but the receive time, which an import sets anew.
            let reexported = try await client.admin("/api/export?format=ndjson", method: .get)
            #expect(Self.withoutReceivedAt(reexported.text) == Self.withoutReceivedAt(exported))
        }
    }

    static func withoutReceivedAt(_ ndjson: String) -> [String] {
        ndjson.split(separator: "\n").map { line in
            String(line.replacing(/,"received_at":"[^"]*"/, with: ""))
        }
    }

    @Test("import validates every line like capture and stores nothing when one line is bad")
    func importValidation() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let body = [Payload.event(), Payload.event(), Payload.event(distinctID: nil)].joined(separator: "\n")
            let response = try await client.admin("/api/import", method: .post, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(response.text == errorBody("missing_distinct_id", "line 3: event 0 has no distinct_id"))
            let garbage = try await client.admin("/api/import", method: .post, body: ByteBuffer(string: "{\n}"))
            #expect(garbage.status == .badRequest)
            let unknownKey = try await client.admin(
                "/api/import?api_key=phc_nope",
                method: .post,
                body: ByteBuffer(string: Payload.event())
            )
            #expect(unknownKey.status == .unauthorized)
        }
        let count = try await collector.store.count(EventFilter())
        #expect(count == 0)
    }

    @Test("DELETE /api/persons/{distinct_id} and DELETE /api/events?from=&to= remove exactly those events")
    func deletion() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let events = [
                Payload.event(distinctID: "alice", extra: #""timestamp": "2025-01-01T00:00:00Z""#),
                Payload.event(distinctID: "alice", extra: #""timestamp": "2025-01-02T00:00:00Z""#),
                Payload.event(distinctID: "bob", extra: #""timestamp": "2025-01-02T00:00:00Z""#),
                Payload.event(distinctID: "bob", extra: #""timestamp": "2025-01-05T00:00:00Z""#),
                Payload.event(distinctID: "a b/c", extra: #""timestamp": "2025-01-05T00:00:00Z""#),
            ]
            let posted = try await client.post("/batch/", json: Payload.batch(events))
            #expect(posted.status == .ok)
            let person = try await client.admin("/api/persons/alice", method: .delete)
            #expect(person.status == .ok)
            #expect(person.text == #"{"deleted": 2}"#)
            let encoded = try await client.admin("/api/persons/a%20b%2Fc", method: .delete)
            #expect(encoded.text == #"{"deleted": 1}"#)
            let range = try await client.admin("/api/events?from=2025-01-01&to=2025-01-03", method: .delete)
            #expect(range.text == #"{"deleted": 1}"#)
            let unbounded = try await client.admin("/api/events", method: .delete)
            #expect(unbounded.status == .badRequest)
        }
        let remaining = try await collector.store.events(EventFilter(), after: nil, limit: 10)
        #expect(remaining.map(\.distinctID) == ["bob"])
    }

    @Test("the retention service deletes events older than the configured days when it starts")
    func retentionService() async throws {
        let store = try await temporarySQLiteStore()
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let day: Int64 = 86_400 * 1_000_000
        let old = EventStoreConformanceTests.record(at: 0)
        var stale = old
        stale.timestamp = now - 31 * day
        var fresh = old
        fresh.uuid = UUID()
        fresh.timestamp = now - 29 * day
        _ = try await store.insert([stale, fresh])
        let collector = try TestCollector(configure: { $0.retentionDays = 30 }, store: store)
        #expect(collector.collector.services.contains { $0 is RetentionService })
        let service = try #require(collector.collector.services.compactMap { $0 as? RetentionService }.first)
        let deleted = try await service.enforce(now: Date())
        #expect(deleted == 1)
        let remaining = try await store.events(EventFilter(), after: nil, limit: 10)
        #expect(remaining.map(\.uuid) == [fresh.uuid])
    }
}
