import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// While the projection is rebuilt, insight routes answer 503 with Retry-After and everything else serves;
/// rows committed or deleted meanwhile are reflected once it is ready, exactly once.
@Suite("Insights start-up", .timeLimit(.minutes(2)))
struct InsightsStartupTests {
    @Test("503 with Retry-After until the rebuild ends; capture, deletion and health work meanwhile")
    func loading() async throws {
        let sqlite = try await temporarySQLiteStore()
        // Stored before start: the rebuild must read them.
        let early = InsightsFixtures.events.prefix(5).enumerated().map { index, event in
            EventRecord(
                project: TestCollector.projectKey, uuid: UUID(), event: event.1, distinctID: event.0,
                timestamp: ISO8601Timestamp.parse(event.2)!, properties: event.3, receivedAt: Int64(index))
        }
        _ = try await sqlite.insert(early)
        let gated = GatedScanStore(base: sqlite)
        let collector = try TestCollector(store: gated)
        try await collector.withLiveServer { client in
            let waiting = try await client.adminJSON("/api/projects/@current/query", InsightsFixtures.funnel)
            #expect(waiting.status == .serviceUnavailable)
            #expect(waiting.headers[.retryAfter] == "2")
            #expect(EngineAnswer.field(waiting.json ?? .null, "code") == .string("insights_loading"))
            let definitions = try await client.admin("/api/projects/@current/event_definitions", method: .get)
            #expect(definitions.status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/_readiness", method: .get).status == .ok)
            // Committed during the rebuild: the rest of the fixture, once, plus a retry of one already stored.
            let late = try await client.post(
                "/batch/", json: InsightsFixtures.batch(Array(InsightsFixtures.events.dropFirst(5))))
            #expect(late.status == .ok)
            _ = try await collector.collector.projectedStore.insert([early[0]])
            let deleted = try await client.admin("/api/persons/u4?project=\(TestCollector.projectKey)", method: .delete)
            #expect(deleted.text == #"{"deleted": 1}"#)
            gated.openScan()
            await collector.collector.insights.waitUntilReady()
            let ready = try await client.adminJSON("/api/projects/@current/query", InsightsFixtures.funnel)
            #expect(ready.status == .ok)
            #expect(EngineAnswer.funnelRows(ready.results ?? .null, breakdown: false)[""]?.counts == [3, 2, 1])
            #expect(collector.collector.insights.footprint.events == InsightsFixtures.events.count - 1)
        }
    }
}
