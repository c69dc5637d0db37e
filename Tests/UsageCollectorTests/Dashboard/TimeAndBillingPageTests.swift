import Foundation
import HummingbirdTesting
import Testing

@testable import UsageCollector

/// The "Time & billing" page over real HTTP without a browser: its sections, numbers and queries as served HTML,
/// its empty states, and the refusal of bad range parameters.
@Suite("Dashboard time and billing page", .timeLimit(.minutes(2)))
struct TimeAndBillingPageTests {
    static let path = ReportPage.timeAndBilling.path

    static func withSignedIn(_ body: @Sendable (any TestClientProtocol, _ cookie: String) async throws -> Void)
        async throws
    {
        let collector = try TestCollector { $0.dashboard.now = { DashboardFixture.now } }
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            #expect(try await client.post("/batch/", json: Payload.batch(DashboardFixture.events())).status == .ok)
            try await body(client, try await DashboardHTTP.session(client))
        }
    }

    @Test("the page lists its five sections in the nav's page, with weekly hours, monthly invoices and the queries")
    func page() async throws {
        try await Self.withSignedIn { client, cookie in
            let response = try await DashboardHTTP.get(
                client, Self.path + "?" + DashboardFixture.timeAndBillingRangeQuery, cookie: cookie)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains(#"<a href="/time-and-billing" aria-current="page">Time &amp; billing</a>"#))
            #expect(html.contains("<h1>Time &amp; billing</h1>"))
            for id in ["hours", "time-sheets", "invoices-by-bucket", "invoice-flow", "payment-methods"] {
                #expect(html.contains(#"id="\#(id)" aria-labelledby="\#(id)-title" data-empty="false""#), "\(id)")
            }
            #expect(
                html.contains(
                    #"<tr><th scope="row">2026-10-18</th><td>255</td><td>210</td><td>4.25</td><td>3.5</td>"#
                        + "<td>82.4%</td></tr>"))
            #expect(html.contains(#"<tr><th scope="row">2026-10-25</th><td>4</td><td>3</td></tr>"#))
            #expect(html.contains(#"<tr><th scope="row">bank_transfer</th><td>3</td><td>1</td></tr>"#))
            #expect(html.contains("&quot;math_property&quot; : &quot;duration_minutes&quot;"))
            #expect(html.contains("&quot;interval&quot; : &quot;month&quot;"))
            #expect(html.components(separatedBy: #"<svg class="chart"#).count - 1 == 5)
        }
    }

    @Test("a range without time or billing events explains each section instead of drawing it")
    func emptyRange() async throws {
        try await Self.withSignedIn { client, cookie in
            let response = try await DashboardHTTP.get(
                client, Self.path + "?from=2025-01-01&to=2025-01-31", cookie: cookie)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.components(separatedBy: #"data-empty="true""#).count - 1 == 5)
            #expect(!html.contains("<svg"))
            for message in [
                "No time was logged in this range.", "No time sheet was submitted or approved in this range.",
                "No invoice was generated in this range.", "No payment was recorded in this range.",
            ] {
                #expect(html.contains(#"<p class="empty">\#(message)</p>"#), "\(message)")
            }
        }
    }

    @Test(
        "malformed, reversed, oversized and hostile ranges fall back to the last 30 days and say why",
        arguments: [
            ("from=2026-10-32&to=2026-11-07", "The dates must be given as yyyy-mm-dd"),
            ("from=%3Cscript%3Ealert(1)%3C/script%3E&to=2026-11-07", "The dates must be given as yyyy-mm-dd"),
            ("from=2026-11-07&to=2026-10-04", "The start date is after the end date"),
            ("from=2000-01-01&to=2026-11-07", "A range may span at most 731 days"),
            ("from=" + String(repeating: "9", count: 10_000) + "&to=2026-11-07", "The dates must be given"),
        ])
    func badRange(_ query: String, _ notice: String) async throws {
        try await Self.withSignedIn { client, cookie in
            let response = try await DashboardHTTP.get(client, Self.path + "?" + query, cookie: cookie)
            #expect(response.status == .ok)
            #expect(response.text.contains(notice))
            #expect(!response.text.contains("<script>alert"))
            #expect(response.text.contains(#"value="2026-10-16""#))
        }
    }

    @Test("amount buckets are drawn from the smallest amounts up, values the catalogue does not know last")
    func bucketOrder() {
        let lines = ["1k_to_10k", Breakdown.nullLabel, "under_100", "someday", "credit", "100k_and_over"].map {
            TrendLine(label: "invoice_generated", breakdown: $0, data: [1], days: ["2026-10-01"], total: 1, order: 0)
        }
        #expect(
            TimeAndBillingReport.byAmount(lines).compactMap(\.breakdown) == [
                "credit", "under_100", "1k_to_10k", "100k_and_over", Breakdown.nullLabel, "someday",
            ])
    }
}
