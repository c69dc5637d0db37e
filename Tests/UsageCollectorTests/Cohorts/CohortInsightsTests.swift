import Foundation
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// Cohorts in insight queries over real HTTP: filters (also negated and per series) and breakdowns in trends,
/// funnels and retention, on the hand-checked fixture events.
@Suite("Cohort insights", .timeLimit(.minutes(2)))
struct CohortInsightsTests {
    static let range = #""dateRange": {"date_from": "2026-01-05", "date_to": "2026-01-06"}"#

    static func trends(_ extra: String) -> String {
        #"{"query": {"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "signup", "math": "total"}], "interval": "day", \#(Self.range)\#(extra)}}"#
    }

    static func counts(_ response: TestResponse) -> [JSONValue?] {
        EngineAnswer.items(response.results).map { EngineAnswer.field($0, "count") }
    }

    @Test("a cohort filter keeps its members' events; not_in keeps the others'; series filters too")
    func trendFilters() async throws {
        try await CohortRoutesTests.withCollector { client in
            let pilots = try await client.createStaticCohort(members: ["u1", "u3"])
            let filtered = try await client.adminJSON(
                "/api/projects/@current/query",
                Self.trends(#", "properties": [{"key": "id", "type": "cohort", "value": \#(pilots)}]"#))
            #expect(filtered.status == .ok)
            #expect(Self.counts(filtered) == [.int(2)])  // signups of u1 and u3
            let negated = try await client.adminJSON(
                "/api/projects/@current/query",
                Self.trends(
                    #", "properties": [{"key": "id", "type": "cohort", "value": "\#(pilots)", "operator": "not_in"}]"#))
            #expect(Self.counts(negated) == [.int(1)])  // u2
            let activators = try await client.createCohort(CohortFixtures.behavioural("activate"))
            let series =
                #"{"query": {"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "signup", "properties": {"type": "AND", "values": [{"key": "id", "type": "cohort", "value": \#(activators)}]}}], \#(Self.range)}}"#
            #expect(Self.counts(try await client.adminJSON("/api/projects/@current/query", series)) == [.int(2)])
            let unknown = try await client.adminJSON(
                "/api/projects/@current/query",
                Self.trends(#", "properties": [{"key": "id", "type": "cohort", "value": 987654}]"#))
            #expect(unknown.status == .badRequest)
            #expect(
                unknown.json.flatMap { EngineAnswer.field($0, "detail") }
                    == .string("query: cohort 987654 is not a cohort of this project"))
        }
    }

    @Test("a cohort breakdown answers one row per cohort, breakdown_value its id, all users as 0")
    func breakdowns() async throws {
        try await CohortRoutesTests.withCollector { client in
            let payers = try await client.createCohort(CohortFixtures.behavioural("pay"))
            let trend = try await client.adminJSON(
                "/api/projects/@current/query",
                Self.trends(#", "breakdownFilter": {"breakdown_type": "cohort", "breakdown": [\#(payers), "all"]}"#))
            #expect(trend.status == .ok)
            let rows = EngineAnswer.items(trend.results)
            #expect(rows.map { EngineAnswer.field($0, "breakdown_value") } == [.int(payers), .int(0)])
            #expect(rows.map { EngineAnswer.field($0, "label") } == [.string("Did pay"), .string("All Users")])
            #expect(Self.counts(trend) == [.int(2), .int(3)])
            let funnel = try await client.adminJSON(
                "/api/projects/@current/query",
                #"{"query": {"kind": "FunnelsQuery", "series": [{"event": "signup"}, {"event": "activate"}], \#(Self.range), "breakdownFilter": {"breakdown_type": "cohort", "breakdown": [0, \#(payers)]}}}"#
            )
            #expect(funnel.status == .ok)
            let lists = EngineAnswer.items(funnel.results).map { EngineAnswer.items($0) }
            #expect(
                lists.map { $0.map { EngineAnswer.field($0, "count") } } == [[.int(3), .int(2)], [.int(2), .int(1)]])
            #expect(lists.map { EngineAnswer.field($0[0], "breakdown_value") } == [.int(0), .int(payers)])
            let retention = try await client.adminJSON(
                "/api/projects/@current/query",
                #"{"query": {"kind": "RetentionQuery", "dateRange": {"date_to": "2026-01-06"}, "retentionFilter": {"targetEntity": {"id": "signup", "type": "events"}, "returningEntity": {"id": "activate", "type": "events"}, "totalIntervals": 2}, "breakdownFilter": {"breakdown_type": "cohort", "breakdown": [\#(payers)]}, "properties": [{"key": "id", "type": "cohort", "value": \#(payers)}]}}"#
            )
            #expect(retention.status == .ok)
            #expect(EngineAnswer.retentionTable(retention.results ?? .null) == [[1, 1], [1]])
            #expect(
                EngineAnswer.items(retention.results).map { EngineAnswer.field($0, "breakdown_value") } == [
                    .int(payers), .int(payers),
                ])
        }
    }
}
