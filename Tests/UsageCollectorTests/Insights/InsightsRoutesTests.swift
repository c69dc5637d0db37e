import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import UsageCollector

/// The insight routes over real HTTP: PostHog's answer shapes, errors, projects, discovery, and answers that
/// follow ingestion and deletion.
@Suite("Insight routes", .timeLimit(.minutes(2)))
struct InsightsRoutesTests {
    static func step(
        _ order: Int, _ event: String, count: Int, average: JSONValue = .null, median: JSONValue = .null
    ) -> JSONValue {
        .object([
            "action_id": .string(event), "name": .string(event), "custom_name": .null, "order": .int(order),
            "count": .int(count), "people": .array([]), "type": .string("events"),
            "average_conversion_time": average, "median_conversion_time": median,
        ])
    }

    /// Runs `body` against a live collector holding the fixture events, once its engine is ready.
    static func withFixture(_ body: @Sendable (TestCollector, any TestClientProtocol) async throws -> Void) async throws
    {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            let stored = try await client.post("/batch/", json: InsightsFixtures.batch())
            #expect(stored.status == .ok)
            try await body(collector, client)
        }
    }

    @Test("a funnel answers PostHog's step list; zero-second conversions are left out of the times")
    func funnel() async throws {
        try await Self.withFixture { _, client in
            let response = try await client.adminJSON("/api/projects/@current/query", InsightsFixtures.funnel)
            #expect(response.status == .ok)
            #expect(
                response.results
                    == .array([
                        Self.step(0, "signup", count: 3),
                        Self.step(1, "activate", count: 2, average: .int(600), median: .int(600)),
                        Self.step(2, "pay", count: 1, average: .int(3600), median: .int(3600)),
                    ]))
            let alias = try await client.adminJSON("/api/query/funnel", InsightsFixtures.funnel)
            #expect(alias.results == response.results)
        }
    }

    @Test("an unordered funnel counts steps done in any order, named by how many were completed")
    func unorderedFunnel() async throws {
        try await Self.withFixture { _, client in
            let query = InsightsFixtures.funnel.replacingOccurrences(
                of: #""layout": "horizontal""#, with: #""funnelOrderType": "unordered""#)
            let response = try await client.adminJSON("/api/projects/@current/query", query)
            #expect(response.status == .ok)
            func step(_ order: Int, _ name: String, _ count: Int, _ time: JSONValue) -> JSONValue {
                .object([
                    "action_id": .null, "name": .string(name), "custom_name": .null, "order": .int(order),
                    "count": .int(count), "people": .array([]), "type": .string("events"),
                    "average_conversion_time": time, "median_conversion_time": time,
                ])
            }
            // u3 paid without activating (2 steps, 1800 s); u4 only activated; u2's 0-second pair is left out.
            #expect(
                response.results
                    == .array([
                        step(0, "Completed 1 step", 4, .null), step(1, "Completed 2 steps", 3, .int(1200)),
                        step(2, "Completed 3 steps", 1, .int(3600)),
                    ]))
            let partial = query.replacingOccurrences(
                of: #""funnelOrderType": "unordered""#,
                with:
                    #""funnelOrderType": "unordered", "exclusions": [{"event": "x", "funnelFromStep": 1, "funnelToStep": 2}]"#
            )
            let refused = try await client.adminJSON("/api/projects/@current/query", partial)
            #expect(refused.status == .badRequest)
            #expect(
                EngineAnswer.field(refused.json ?? .null, "attr")
                    == .string("query.funnelsFilter.exclusions.0.funnelFromStep"))
        }
    }

    @Test("a funnel trend answers the conversion rate of each day's entrants, per breakdown value when asked")
    func funnelTrend() async throws {
        try await Self.withFixture { _, client in
            let query = """
                {"query": {"kind": "FunnelsQuery", "series": [{"kind": "EventsNode", "event": "signup"},
                  {"kind": "EventsNode", "event": "activate"}, {"kind": "EventsNode", "event": "pay"}],
                 "interval": "day", "dateRange": {"date_from": "2026-01-05", "date_to": "2026-01-07"},
                 "funnelsFilter": {"funnelVizType": "trends"}}}
                """
            let days = JSONValue.array(["2026-01-05", "2026-01-06", "2026-01-07"].map(JSONValue.string))
            let labels = JSONValue.array(["5-Jan-2026", "6-Jan-2026", "7-Jan-2026"].map(JSONValue.string))
            func row(_ data: [Int], breakdown: String? = nil) -> JSONValue {
                var fields: [String: JSONValue] = [
                    "count": .int(3), "data": .array(data.map(JSONValue.int)), "days": days, "labels": labels,
                ]
                if let breakdown { fields["breakdown_value"] = .string(breakdown) }
                return .object(fields)
            }
            // 5 Jan: u1 converts, u2 stops at activate (50%); 6 Jan: u3 skips activate (0%); 7 Jan: nobody.
            let response = try await client.adminJSON("/api/projects/@current/query", query)
            #expect(response.status == .ok)
            #expect(response.results == .array([row([50, 0, 0])]))
            // With a breakdown the values with the most entrants are kept (ties: the greater value first), then
            // listed by value: u3's missing plan is the third and is left out.
            let byPlan = query.replacingOccurrences(
                of: #""funnelsFilter""#,
                with: #""breakdownFilter": {"breakdown": "plan", "breakdown_limit": 2}, "funnelsFilter""#)
            let broken = try await client.adminJSON("/api/projects/@current/query", byPlan)
            #expect(
                broken.results == .array([row([0, 0, 0], breakdown: "free"), row([100, 0, 0], breakdown: "pro")]))
            let hourly = query.replacingOccurrences(of: #""interval": "day""#, with: #""interval": "hour""#)
                .replacingOccurrences(of: "2026-01-05", with: "1970-01-01")
            let tooLong = try await client.adminJSON("/api/projects/@current/query", hourly)
            #expect(tooLong.status == .badRequest)
            #expect(EngineAnswer.field(tooLong.json ?? .null, "attr") == .string("query.dateRange"))
        }
    }

    @Test("a daily trend answers data, days, labels and count per series")
    func trend() async throws {
        try await Self.withFixture { _, client in
            let response = try await client.adminJSON("/api/query/trends", InsightsFixtures.dailySignups)
            #expect(response.status == .ok)
            guard case .array(let results)? = response.results, let series = results.first else {
                Issue.record("no results in \(response.text)")
                return
            }
            #expect(results.count == 1)
            #expect(EngineAnswer.field(series, "data") == .array([.int(2), .int(1), .int(0)]))
            #expect(EngineAnswer.field(series, "count") == .int(3))
            #expect(
                EngineAnswer.field(series, "days")
                    == .array(["2026-01-05", "2026-01-06", "2026-01-07"].map(JSONValue.string)))
            #expect(
                EngineAnswer.field(series, "labels")
                    == .array(["5-Jan-2026", "6-Jan-2026", "7-Jan-2026"].map(JSONValue.string)))
            #expect(EngineAnswer.field(series, "label") == .string("Signups"))
            #expect(EngineAnswer.field(EngineAnswer.field(series, "action")!, "math") == .string("total"))
        }
    }

    @Test("a breakdown keeps the top values and folds the rest into PostHog's other label; null has its own")
    func breakdown() async throws {
        try await Self.withFixture { _, client in
            let query = """
                {"query": {"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "signup", "math": "dau"}],
                 "interval": "day", "dateRange": {"date_from": "2026-01-05", "date_to": "2026-01-06"},
                 "breakdownFilter": {"breakdown": "plan", "breakdown_limit": 2}}}
                """
            let response = try await client.adminJSON("/api/projects/@current/query", query)
            let rows = EngineAnswer.trendRows(response.results ?? .null, totalValue: false)
            #expect(rows.map(\.breakdown) == ["$$_posthog_breakdown_null_$$", "free", "$$_posthog_breakdown_other_$$"])
            #expect(rows.map(\.data) == [[0, 1], [1, 0], [1, 0]])
        }
    }

    @Test("property math and a total-value display answer aggregated_value")
    func propertyMath() async throws {
        try await Self.withFixture { _, client in
            let query = """
                {"kind": "TrendsQuery", "series": [{"event": null, "math": "sum", "math_property": "amount"},
                  {"event": null, "math": "median", "math_property": "amount"}],
                 "dateRange": {"date_from": "2026-01-01", "date_to": "2026-01-10"}, "trendsFilter": {"display": "BoldNumber"}}
                """
            let response = try await client.adminJSON("/api/query/trends", #"{"query": \#(query)}"#)
            let values = EngineAnswer.items(response.results).map { EngineAnswer.field($0, "aggregated_value") }
            // 60.0 and 20.0 travel as the JSON numbers 60 and 20.
            #expect(values == [.int(60), .int(20)])
        }
    }

    @Test("a retention table counts each cohort's returns per period")
    func retention() async throws {
        try await Self.withFixture { _, client in
            let query = """
                {"query": {"kind": "RetentionQuery", "dateRange": {"date_to": "2026-01-07"},
                 "retentionFilter": {"targetEntity": {"id": "signup", "type": "events"},
                  "returningEntity": {"id": "activate", "type": "events"}, "period": "Day", "totalIntervals": 3}}}
                """
            let response = try await client.adminJSON("/api/query/retention", query)
            #expect(EngineAnswer.retentionTable(response.results ?? .null) == [[2, 1, 0], [1, 0], [0]])
            let first = EngineAnswer.items(response.results).first
            #expect(first.flatMap { EngineAnswer.field($0, "label") } == .string("Day 0"))
            #expect(first.flatMap { EngineAnswer.field($0, "date") } == .string("2026-01-05T00:00:00Z"))
        }
    }

    @Test("deleting a person, a time range or a retention pass removes those events from later answers")
    func deletionsAreReflected() async throws {
        try await Self.withFixture { collector, client in
            let deleted = try await client.admin("/api/persons/u1?project=\(TestCollector.projectKey)", method: .delete)
            #expect(deleted.text == #"{"deleted": 4}"#)
            let funnel = try await client.adminJSON("/api/projects/@current/query", InsightsFixtures.funnel)
            #expect(EngineAnswer.funnelRows(funnel.results ?? .null, breakdown: false)[""]?.counts == [2, 1, 0])
            let range = try await client.admin("/api/events?to=2026-01-06T00:00:00Z", method: .delete)
            #expect(range.text == #"{"deleted": 2}"#)
            let after = try await client.adminJSON("/api/projects/@current/query", InsightsFixtures.funnel)
            #expect(EngineAnswer.funnelRows(after.results ?? .null, breakdown: false)[""]?.counts == [1, 0, 0])
            let cutoff = Date(timeIntervalSince1970: 1_767_744_000)  // 2026-01-07T00:00:00Z
            let retention = RetentionService(
                store: collector.collector.projectedStore, days: 30, interval: .seconds(3600),
                logger: Logger(label: "test"))
            #expect(try await retention.enforce(now: cutoff.addingTimeInterval(30 * 86_400)) == 3)
            let trend = try await client.adminJSON("/api/query/trends", InsightsFixtures.dailySignups)
            #expect(EngineAnswer.trendRows(trend.results ?? .null, totalValue: false).map(\.data) == [[0, 0, 0]])
        }
    }

    @Test("projects list one id per key, stable across restarts; unknown projects get 404")
    func projects() async throws {
        try await Self.withFixture { collector, client in
            let listing = try await client.admin("/api/projects/", method: .get)
            let results = EngineAnswer.items(listing.json.flatMap { EngineAnswer.field($0, "results") })
            #expect(
                results.map { EngineAnswer.field($0, "api_token") } == [
                    .string(TestCollector.projectKey), .string(TestCollector.otherProjectKey),
                ])
            let id = results.first.flatMap { EngineAnswer.field($0, "id") }?.number.map { Int($0) } ?? 0
            #expect(id == ProjectDirectory.id(of: TestCollector.projectKey))
            let byID = try await client.adminJSON("/api/projects/\(id)/query", InsightsFixtures.funnel)
            #expect(byID.status == .ok)
            let other = try await client.adminJSON(
                "/api/projects/\(ProjectDirectory.id(of: TestCollector.otherProjectKey))/query", InsightsFixtures.funnel
            )
            #expect(EngineAnswer.funnelRows(other.results ?? .null, breakdown: false)[""]?.counts == [0, 0, 0])
            for bad in ["42", "abc", "%00", String(repeating: "9", count: 400)] {
                let response = try await client.adminJSON("/api/projects/\(bad)/query", InsightsFixtures.funnel)
                #expect(response.status == .notFound, "\(bad)")
            }
            let unauthorized = try await client.post("/api/projects/@current/query", json: InsightsFixtures.funnel)
            #expect(unauthorized.status == .unauthorized)
        }
    }

    @Test("a malformed query gets 400 with PostHog's validation body naming the field")
    func badQueries() async throws {
        try await Self.withFixture { _, client in
            let response = try await client.adminJSON(
                "/api/projects/@current/query",
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a", "math": "hogql"}]}}"#)
            #expect(response.status == .badRequest)
            #expect(
                response.json
                    == .object([
                        "type": .string("validation_error"), "code": .string("invalid_input"),
                        "detail": .string("query.series.0.math: math hogql is not supported by this collector"),
                        "attr": .string("query.series.0.math"),
                    ]))
            let wrongKind = try await client.adminJSON("/api/query/retention", InsightsFixtures.funnel)
            #expect(wrongKind.status == .badRequest)
            let huge = try await client.adminJSON(
                "/api/query/trends", String(repeating: "[", count: InsightQuery.maxBodyBytes + 10))
            #expect(huge.status == .badRequest)
            let notJSON = try await client.adminJSON("/api/query/trends", "\u{0}\u{1}garbage")
            #expect(notJSON.status == .badRequest)
            let hours =
                #"{"query": {"kind": "TrendsQuery", "series": [{"event": "a"}], "interval": "hour", "dateRange": {"date_from": "1970-01-01", "date_to": "2026-01-01"}}}"#
            let tooLong = try await client.adminJSON("/api/query/trends", hours)
            #expect(tooLong.status == .badRequest)
            #expect(EngineAnswer.field(tooLong.json ?? .null, "attr") == .string("query.dateRange"))
        }
    }

    @Test("event and property definitions follow ingestion and deletion")
    func discovery() async throws {
        try await Self.withFixture { _, client in try await Self.checkDiscovery(client) }
    }

    static func checkDiscovery(_ client: any TestClientProtocol) async throws {
        let events = try await client.admin("/api/projects/@current/event_definitions", method: .get).json
        #expect(EngineAnswer.column(events, "name") == [.string("activate"), .string("signup"), .string("pay")])
        #expect(EngineAnswer.column(events, "volume") == [.int(4), .int(3), .int(2)])
        #expect(EngineAnswer.column(events, "last_seen_at").first == .string("2026-01-06T15:00:00.000000Z"))
        let signupOnly = "/api/projects/@current/property_definitions?event_names=%5B%22signup%22%5D"  // ["signup"]
        let properties = try await client.admin(signupOnly, method: .get).json
        #expect(EngineAnswer.column(properties, "name") == [.string("amount"), .string("plan")])
        #expect(EngineAnswer.column(properties, "property_type") == [.string("Numeric"), .string("String")])
        _ = try await client.admin("/api/persons/u4?project=\(TestCollector.projectKey)", method: .delete)
        let after = try await client.admin("/api/projects/@current/event_definitions", method: .get).json
        #expect(EngineAnswer.column(after, "volume") == [.int(3), .int(3), .int(2)])
        let hostile = ["%5B", "%5B1%2C2%5D", String(repeating: "a%2C", count: 500)]
        for parameter in hostile {
            let uri = "/api/projects/@current/property_definitions?event_names=" + parameter
            let status = try await client.admin(uri, method: .get).status
            #expect(status == .ok)
        }
    }
}
