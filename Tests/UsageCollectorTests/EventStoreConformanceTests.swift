import Foundation
import Testing

@testable import UsageCollector

/// One suite, both engines: every `EventStore` must behave the same.
@Suite("EventStore conformance (SQLite and PostgreSQL)", .timeLimit(.minutes(2)))
struct EventStoreConformanceTests {
    static let base: Int64 = 1_750_000_000_000_000

    static func record(
        _ event: String = "ticket_created",
        project: String = "phc_a",
        distinctID: String = "user-1",
        at offsetSeconds: Int64 = 0,
        properties: String = #"{"priority": "high"}"#
    ) -> EventRecord {
        EventRecord(
            project: project,
            uuid: UUID(),
            event: event,
            distinctID: distinctID,
            timestamp: Self.base + offsetSeconds * 1_000_000,
            properties: properties,
            receivedAt: Self.base + 5_000_000
        )
    }

    @Test("insert returns new rows and ignores a (project, uuid) already stored", arguments: Engine.available)
    func insertAndDedup(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            let records = (0..<10).map { Self.record(at: Int64($0)) }
            let first = try await store.insert(records)
            #expect(first == 10)
            let again = try await store.insert(Array(records[5...]) + [Self.record(at: 100)])
            #expect(again == 1)
            var sameUUIDOtherProject = records[0]
            sameUUIDOtherProject.project = "phc_b"
            let otherProject = try await store.insert([sameUUIDOtherProject])
            #expect(otherProject == 1)
            let duplicateWithinOneCall = Self.record(at: 200)
            let withinCall = try await store.insert([duplicateWithinOneCall, duplicateWithinOneCall])
            #expect(withinCall == 1)
            let total = try await store.count(EventFilter())
            #expect(total == 13)
        }
    }

    @Test(
        "records round-trip exactly: microsecond timestamps, Unicode, nested JSON properties",
        arguments: Engine.available)
    func roundTrip(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            var record = Self.record(
                "café ☕️",
                distinctID: "Zoë 👩‍💻",
                properties: #"{"nested": {"list": [1, 2.5, "three", null, true]}, "emoji": "🎉"}"#
            )
            record.timestamp = 1_717_171_717_123_456
            _ = try await store.insert([record])
            let stored = try await store.events(EventFilter(), after: nil, limit: 10)
            #expect(stored.count == 1)
            let got = try #require(stored.first)
            #expect(got.uuid == record.uuid)
            #expect(got.project == record.project)
            #expect(got.event == record.event)
            #expect(got.distinctID == record.distinctID)
            #expect(got.timestamp == record.timestamp)
            #expect(got.receivedAt == record.receivedAt)
            let expected = try JSONSerialization.jsonObject(with: Data(record.properties.utf8)) as? NSDictionary
            let actual = try JSONSerialization.jsonObject(with: Data(got.properties.utf8)) as? NSDictionary
            #expect(expected == actual)
        }
    }

    @Test("filters by project, time range, event and person", arguments: Engine.available)
    func filters(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            _ = try await store.insert(
                [
                    Self.record("a", at: 0), Self.record("a", at: 10), Self.record("b", at: 20),
                    Self.record("a", project: "phc_b", at: 30), Self.record("a", distinctID: "user-2", at: 40),
                ]
            )
            let project = try await store.count(EventFilter(project: "phc_a"))
            #expect(project == 4)
            let range = try await store.count(EventFilter(from: Self.base + 10_000_000, to: Self.base + 40_000_000))
            #expect(range == 3)
            let named = try await store.count(EventFilter(project: "phc_a", event: "a"))
            #expect(named == 3)
            let person = try await store.count(EventFilter(distinctID: "user-2"))
            #expect(person == 1)
        }
    }

    @Test("pages in (timestamp, uuid) order without gaps or repeats", arguments: Engine.available)
    func paging(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            // Several events share a timestamp, so the uuid must break ties.
            let records = (0..<25).map { Self.record(at: Int64($0 / 3)) }
            _ = try await store.insert(records.shuffled())
            var seen: [EventRecord] = []
            var cursor: EventCursor?
            while true {
                let page = try await store.events(EventFilter(), after: cursor, limit: 4)
                guard let last = page.last else { break }
                seen += page
                cursor = EventCursor(after: last)
            }
            #expect(seen.count == 25)
            #expect(Set(seen.map(\.uuid)) == Set(records.map(\.uuid)))
            let ordered = zip(seen, seen.dropFirst()).allSatisfy { previous, next in
                previous.timestamp < next.timestamp
                    || (previous.timestamp == next.timestamp
                        && UUIDBytes(previous.uuid).bytes.lexicographicallyPrecedes(UUIDBytes(next.uuid).bytes))
            }
            #expect(ordered)
        }
    }

    @Test("deletes by person, by time range, and retention's cutoff", arguments: Engine.available)
    func deletion(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            _ = try await store.insert(
                [
                    Self.record(distinctID: "gone", at: 0), Self.record(distinctID: "gone", at: 50),
                    Self.record(distinctID: "kept", at: 10), Self.record(distinctID: "kept", at: 60),
                    Self.record(distinctID: "kept", at: 100),
                ]
            )
            let person = try await store.delete(EventFilter(distinctID: "gone"))
            #expect(person == 2)
            let range = try await store.delete(EventFilter(from: Self.base + 50_000_000, to: Self.base + 70_000_000))
            #expect(range == 1)
            let remaining = try await store.events(EventFilter(), after: nil, limit: 10)
            #expect(remaining.map(\.timestamp) == [Self.base + 10_000_000, Self.base + 100_000_000])

            let retention = RetentionService(store: store, days: 1, interval: .seconds(3600), logger: .init(label: "t"))
            let now = Date(timeIntervalSince1970: Double(Self.base) / 1_000_000 + 86_400 + 50)
            let deleted = try await retention.enforce(now: now)
            #expect(deleted == 1)
            let last = try await store.events(EventFilter(), after: nil, limit: 10)
            #expect(last.map(\.timestamp) == [Self.base + 100_000_000])
        }
    }

    @Test("migrate is idempotent and a large batch commits in one call", arguments: Engine.available)
    func migrateTwiceAndBulk(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            try await store.migrate()
            let records = (0..<5000).map { Self.record(at: Int64($0)) }
            let inserted = try await store.insert(records)
            #expect(inserted == 5000)
            try await store.checkHealth()
        }
    }
}
