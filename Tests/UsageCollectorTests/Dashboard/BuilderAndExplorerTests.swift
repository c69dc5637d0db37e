import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The insight builder and the event explorer over HTTP, on the fixture's events.
@Suite("Dashboard builder and explorer", .timeLimit(.minutes(2)))
struct BuilderAndExplorerTests {
    static func withSignedIn(
        _ body: @Sendable (any TestClientProtocol, _ cookie: String, _ csrf: String) async throws -> Void
    ) async throws {
        let collector = try TestCollector { $0.dashboard.now = { DashboardFixture.now } }
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            #expect(try await client.post("/batch/", json: Payload.batch(DashboardFixture.events())).status == .ok)
            let cookie = try await DashboardHTTP.session(client)
            let page = try await DashboardHTTP.get(client, "/insights", cookie: cookie)
            #expect(page.status == .ok)
            try await body(client, cookie, try #require(DashboardHTTP.csrfField(page.text)))
        }
    }

    static func run(
        _ client: any TestClientProtocol, cookie: String, _ fields: [(String, String)]
    ) async throws -> TestResponse {
        var headers = DashboardHTTP.formType
        headers[.cookie] = cookie
        return try await client.execute(
            uri: "/insights", method: .post, headers: headers, body: DashboardHTTP.form(fields))
    }

    static let range = [("from", DashboardFixture.firstDay), ("to", DashboardFixture.lastDay)]

    @Test("a trend from the fields: its query JSON, a line per series, and the numbers per day")
    func trend() async throws {
        try await Self.withSignedIn { client, cookie, csrf in
            let response = try await Self.run(
                client, cookie: cookie,
                [
                    ("csrf", csrf), ("kind", "trends"), ("events", "ticket_created\r\nticket_resolved"),
                    ("math", "total"),
                ]
                    + Self.range)
            #expect(response.status == .ok)
            #expect(response.text.contains(#"&quot;event&quot; : &quot;ticket_created&quot;"#))
            #expect(response.text.components(separatedBy: "<polyline").count - 1 == 2)
            #expect(response.text.contains("<tr><th scope=\"row\">2026-11-14</th><td>7</td><td>5</td></tr>"))
        }
    }

    @Test("a funnel from the fields draws funnel bars with each step's people")
    func funnel() async throws {
        try await Self.withSignedIn { client, cookie, csrf in
            let response = try await Self.run(
                client, cookie: cookie,
                [("csrf", csrf), ("kind", "funnels"), ("events", "ticket_created\nticket_resolved"), ("window", "14")]
                    + Self.range)
            #expect(response.status == .ok)
            #expect(response.text.contains(#"class="chart funnel-chart""#))
            // Each of the four users creates tickets at 08:00 and resolves one at 12:00 on some day: four hours.
            #expect(response.text.contains("<th scope=\"row\">1. ticket_created</th><td>4</td><td>100%</td><td>–</td>"))
            #expect(
                response.text.contains("<th scope=\"row\">2. ticket_resolved</th><td>4</td><td>100%</td><td>14400</td>")
            )
        }
    }

    @Test("a retention table is shaded per cohort")
    func retention() async throws {
        try await Self.withSignedIn { client, cookie, csrf in
            let response = try await Self.run(
                client, cookie: cookie,
                [
                    ("csrf", csrf), ("kind", "retention"), ("targetEvent", "user_logged_in"), ("period", "Day"),
                    ("periods", "5"),
                ] + Self.range)
            #expect(response.status == .ok)
            #expect(response.text.contains(#"<table class="retention">"#))
            // First-time retention: users a and b first sign in on the 10th and again every day after.
            #expect(
                response.text.contains(
                    #"<tr><th scope="row">2026-11-10</th><td>2</td><td class="heat-10" title="2 of 2">100%</td>"#
                        + #"<td class="heat-10" title="2 of 2">100%</td>"#))
            #expect(response.text.contains(#"<tr><th scope="row">2026-11-11</th><td>0</td>"#))
        }
    }

    @Test("a pasted PostHog query runs as pasted, wrapped or bare")
    func pasted() async throws {
        try await Self.withSignedIn { client, cookie, csrf in
            let node =
                #"{"kind": "TrendsQuery", "series": [{"kind": "EventsNode", "event": "login_failed"}], "#
                + #""dateRange": {"date_from": "2026-11-10", "date_to": "2026-11-14"}, "#
                + #""trendsFilter": {"display": "ActionsTable", "showLegend": true}}"#
            for pasted in [node, #"{"query": \#(node)}"#] {
                let response = try await Self.run(client, cookie: cookie, [("csrf", csrf), ("json", pasted)])
                #expect(response.status == .ok)
                #expect(response.text.contains("<tr><th scope=\"row\">login_failed</th><td>15</td></tr>"))
            }
        }
    }

    @Test(
        "bad input is refused with a message naming the problem, and runs nothing",
        arguments: [
            ([("json", "{not json")], "The pasted query is not valid JSON."),
            ([("json", #"{"kind": "HogQLQuery"}"#)], "The query was refused at query.kind"),
            ([("kind", "funnels"), ("events", "only_one")], "A funnel needs at least two steps"),
            ([("kind", "trends"), ("math", "p99")], "Math p99 needs a numeric property"),
            ([("kind", "nonsense")], "Choose trends, funnels or retention."),
            ([("kind", "trends"), ("from", "2026-99-01")], "The dates must be given as yyyy-mm-dd"),
            ([("kind", "retention"), ("periods", "100000")], "The number of periods is a whole number from 2 to 60."),
            ([("kind", "trends"), ("events", (1...30).map { "e\($0)" }.joined(separator: "\n"))], "At most 20 events"),
        ])
    func refused(_ fields: [(String, String)], _ message: String) async throws {
        try await Self.withSignedIn { client, cookie, csrf in
            let response = try await Self.run(client, cookie: cookie, [("csrf", csrf)] + fields)
            #expect(response.status == .badRequest)
            #expect(response.text.contains(message), "\(response.text.prefix(3000))")
            #expect(!response.text.contains("<svg"))
        }
    }

    @Test("the builder refuses a post without the session's CSRF token, and pages need a session")
    func csrfAndSession() async throws {
        try await Self.withSignedIn { client, cookie, _ in
            let refused = try await Self.run(client, cookie: cookie, [("kind", "trends")])
            #expect(refused.status == .forbidden)
            #expect(!refused.text.contains("<svg"))
            for path in ["/insights", "/events"] {
                #expect(try await client.execute(uri: path, method: .get).headers[.location] == "/sign-in")
            }
        }
    }

    @Test("the explorer lists the latest events newest first, filtered by name, property and day")
    func explorer() async throws {
        try await Self.withSignedIn { client, cookie, _ in
            let all = try await DashboardHTTP.get(client, "/events", cookie: cookie)
            #expect(all.text.contains("<caption>100 events, newest first</caption>"))
            let failed = try await DashboardHTTP.get(
                client, "/events?event=login_failed&property=reason&value=locked_out&from=2026-11-14&to=2026-11-14",
                cookie: cookie)
            #expect(failed.text.contains("<caption>1 events, newest first</caption>"))
            #expect(failed.text.contains(#"<td class="event-name">login_failed</td>"#))
            #expect(
                failed.text.contains(
                    #"<pre>{&quot;reason&quot;: &quot;locked_out&quot;, &quot;provider&quot;: &quot;credentials&quot;}</pre>"#
                ))
            let none = try await DashboardHTTP.get(client, "/events?event=no_such_event", cookie: cookie)
            #expect(none.text.contains("No stored event matches these filters."))
            let hostile = try await DashboardHTTP.get(
                client, "/events?from=yesterday&value=x&event=%3Cscript%3E", cookie: cookie)
            #expect(hostile.status == .ok)
            #expect(hostile.text.contains("from must be a date as yyyy-mm-dd; it was ignored."))
            #expect(hostile.text.contains("A value filters only together with a property name."))
            #expect(!hostile.text.contains("<script>"))
        }
    }
}
