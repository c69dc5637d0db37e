import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The cohorts pages over HTTP as a browser drives them: the list with sizes, a cohort's definition and members,
/// creating from CSV and from a criterion, deleting, and refusals that create nothing.
@Suite("Cohort dashboard pages", .timeLimit(.minutes(2)))
struct CohortDashboardTests {
    @Test("create a static cohort from CSV and a behavioural one from a criterion; list, read and delete them")
    func createReadDelete() async throws {
        try await CohortRoutesTests.withCollector { client in
            let cookie = try await DashboardHTTP.session(client)
            let empty = try await DashboardHTTP.get(client, "/cohorts", cookie: cookie)
            #expect(empty.status == .ok && empty.text.contains("No cohort yet"))
            #expect(empty.text.contains(#"<a href="/cohorts" aria-current="page">Cohorts</a>"#))
            let csrf = try #require(DashboardHTTP.csrfField(empty.text))
            let created = try await SavedDashboardTests.post(
                client, "/cohorts/static", cookie: cookie,
                [("csrf", csrf), ("name", "Pilot <b>tenants</b>"), ("csv", "distinct_id\r\nu1\r\nu3\r\nnobody\r\n")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let pilot = try await DashboardHTTP.get(client, location, cookie: cookie)
            #expect(pilot.text.contains("<h1>Pilot &lt;b&gt;tenants&lt;/b&gt;</h1>"))
            #expect(pilot.text.contains(#"<strong class="count">3</strong>"#))
            #expect(pilot.text.contains("<li>nobody</li><li>u1</li><li>u3</li>"))
            let behavioural = try await SavedDashboardTests.post(
                client, "/cohorts/behavioural", cookie: cookie,
                [
                    ("csrf", csrf), ("name", "Activated twice"), ("event", "activate"), ("comparison", "gte"),
                    ("count", "2"), ("days", "3650"),
                ])
            #expect(behavioural.status == .seeOther)
            let twice = try await DashboardHTTP.get(
                client, try #require(behavioural.headers[.location]), cookie: cookie)
            #expect(twice.text.contains("performed activate at least 2 times in the last 3650 days"))
            #expect(twice.text.contains(#"<strong class="count">1</strong>"#))
            #expect(twice.text.contains("<li>u1</li>"))
            let list = try await DashboardHTTP.get(client, "/cohorts", cookie: cookie)
            #expect(
                list.text.contains(#"<td class="count">3</td>"#) && list.text.contains(#"<td class="count">1</td>"#))
            let id = String(location.dropFirst("/cohorts/".count))
            let deleted = try await SavedDashboardTests.post(
                client, "/cohorts/\(id)/delete", cookie: cookie, [("csrf", csrf)])
            #expect(deleted.status == .ok && deleted.text.contains("Deleted Pilot &lt;b&gt;tenants&lt;/b&gt;."))
            #expect(try await DashboardHTTP.get(client, location, cookie: cookie).status == .notFound)
            let api = try await client.cohortAdmin(CohortFixtures.path, method: .get)
            #expect(api.json.flatMap { EngineAnswer.field($0, "count") } == .int(1))
        }
    }

    @Test("a saved insight filtered by a cohort answers on its dashboard tile as it does in the query API")
    func cohortFilteredTile() async throws {
        try await CohortRoutesTests.withCollector { client in
            let cohort = try await client.createStaticCohort(members: ["u1", "u2"])
            let cookie = try await DashboardHTTP.session(client)
            let saved = try await DashboardHTTP.get(client, "/saved", cookie: cookie)
            let csrf = try #require(DashboardHTTP.csrfField(saved.text))
            let document = """
                {"insights": [{"name": "Pilot signups", "query": {"kind": "TrendsQuery", "interval": "day",
                  "series": [{"kind": "EventsNode", "event": "signup"}],
                  "properties": [{"type": "cohort", "key": "id", "value": \(cohort)}]}}],
                 "dashboards": [{"name": "Pilots", "insights": ["Pilot signups"]}]}
                """
            let imported = try await SavedDashboardTests.post(
                client, "/saved/import", cookie: cookie, [("csrf", csrf), ("document", document)])
            #expect(imported.text.contains("Imported 1 insights and 1 dashboards."), "\(imported.text)")
            let library = try await DashboardHTTP.get(client, "/saved", cookie: cookie)
            let link = try #require(
                library.text.components(separatedBy: #"href="/dashboards/"#).dropFirst().first?.prefix { $0.isNumber })
            let page = try await DashboardHTTP.get(
                client, "/dashboards/\(link)?from=2026-01-05&to=2026-01-07", cookie: cookie)
            #expect(!page.text.contains("refused"), "\(page.text)")
            // u1 and u2 signed up on the 5th; u3, outside the cohort, on the 6th.
            #expect(page.text.contains("<tr><th scope=\"row\">2026-01-05</th><td>2</td></tr>"))
            #expect(page.text.contains("<tr><th scope=\"row\">2026-01-06</th><td>0</td></tr>"))
        }
    }

    @Test("forms without the CSRF token, with bad CSV or criteria, and pages without a session create nothing")
    func refusals() async throws {
        try await CohortRoutesTests.withCollector { client in
            let cookie = try await DashboardHTTP.session(client)
            let page = try await DashboardHTTP.get(client, "/cohorts", cookie: cookie)
            let csrf = try #require(DashboardHTTP.csrfField(page.text))
            let forged = try await SavedDashboardTests.post(
                client, "/cohorts/static", cookie: cookie, [("csrf", "forged"), ("name", "x"), ("csv", "u1")])
            #expect(forged.status == .forbidden)
            let badCSV = try await SavedDashboardTests.post(
                client, "/cohorts/static", cookie: cookie, [("csrf", csrf), ("name", "x"), ("csv", "u1,u2")])
            #expect(badCSV.status == .badRequest)
            #expect(badCSV.text.contains("Not created: csv: line 1: expected one column of distinct ids"))
            let badCount = try await SavedDashboardTests.post(
                client, "/cohorts/behavioural", cookie: cookie,
                [("csrf", csrf), ("name", "x"), ("event", "a"), ("count", "many"), ("days", "3")])
            #expect(badCount.status == .badRequest && badCount.text.contains("count: expected a whole number"))
            let badDays = try await SavedDashboardTests.post(
                client, "/cohorts/behavioural", cookie: cookie,
                [("csrf", csrf), ("name", "x"), ("event", "a"), ("count", "1"), ("days", "99999")])
            #expect(badDays.status == .badRequest && badDays.text.contains("time_value"))
            let noEvent = try await SavedDashboardTests.post(
                client, "/cohorts/behavioural", cookie: cookie,
                [("csrf", csrf), ("name", "x"), ("event", " "), ("count", "1"), ("days", "3")])
            #expect(noEvent.status == .badRequest)
            let huge = try await SavedDashboardTests.post(
                client, "/cohorts/static", cookie: cookie,
                [("csrf", csrf), ("name", "x"), ("csv", String(repeating: "u", count: CohortForm.maximumBytes))])
            #expect(huge.status == .contentTooLarge)
            let api = try await client.cohortAdmin(CohortFixtures.path, method: .get)
            #expect(api.json.flatMap { EngineAnswer.field($0, "count") } == .int(0))
            #expect(try await DashboardHTTP.get(client, "/cohorts/abc", cookie: cookie).status == .notFound)
            let anonymous = try await client.execute(uri: "/cohorts", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/sign-in")
        }
    }
}
