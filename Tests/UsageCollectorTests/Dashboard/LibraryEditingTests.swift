import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Ordering, rearranging, renaming and deleting saved insights and dashboards over HTTP, with the malformed and
/// hostile posts a client could send: unknown ids, stale positions, oversized names, missing CSRF tokens.
@Suite("Arranging saved insights and dashboards", .timeLimit(.minutes(2)))
struct LibraryEditingTests {
    /// Signed in with three saved trends, ids 1 to 3: Created, Resolved, Failures.
    static func withThreeInsights(
        _ body: @Sendable (any TestClientProtocol, _ cookie: String, _ csrf: String) async throws -> Void
    ) async throws {
        try await BuilderAndExplorerTests.withSignedIn { client, cookie, csrf in
            for (name, event) in [
                ("Created", "ticket_created"), ("Resolved", "ticket_resolved"), ("Failures", "login_failed"),
            ] {
                let saved = try await SavedDashboardTests.post(
                    client, "/insights", cookie: cookie,
                    [("csrf", csrf), ("kind", "trends"), ("events", event), ("name", name), ("save", "1")]
                        + BuilderAndExplorerTests.range)
                #expect(saved.text.contains("Saved as \(name)."))
            }
            try await body(client, cookie, csrf)
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The tile titles of a dashboard page, top to bottom.
    static func tileTitles(_ html: String) -> [String] {
        Self.matches(#"<h2 id="tile-\d+-title">([^<]*)</h2>"#, in: html)
    }

    /// The tile names of an arrange page, top to bottom.
    static func arranged(_ html: String) -> [String] {
        Self.matches(#"<span class="tile-name">([^<]*)</span>"#, in: html)
    }

    static func arrangedNow(_ client: any TestClientProtocol, cookie: String) async throws -> [String] {
        Self.arranged(try await DashboardHTTP.get(client, "/dashboards/1/arrange", cookie: cookie).text)
    }

    @Test("tiles take the positions chosen when composing, then move up and down; refused moves change nothing")
    func order() async throws {
        try await Self.withThreeInsights { client, cookie, csrf in
            for (position, reason) in [("0", "whole number from 1 to 24"), ("x", "whole number"), ("25", "1 to 24")] {
                let refused = try await SavedDashboardTests.post(
                    client, "/saved/dashboards", cookie: cookie,
                    [("csrf", csrf), ("name", "Board"), ("tile-1", "on"), ("position-1", position)])
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains(reason))
            }
            let created = try await SavedDashboardTests.post(
                client, "/saved/dashboards", cookie: cookie,
                [
                    ("csrf", csrf), ("name", "Board"), ("tile-1", "on"), ("position-1", "2"), ("tile-2", "on"),
                    ("tile-3", "on"), ("position-3", "1"), ("position-2", "1"), ("tile-77", "on"),
                ])
            #expect(created.headers[.location] == "/dashboards/1")
            let page = try await DashboardHTTP.get(
                client, "/dashboards/1?from=2026-11-13&to=2026-11-14", cookie: cookie)
            #expect(Self.tileTitles(page.text) == ["Resolved", "Failures", "Created"])
            #expect(page.text.contains(#"<a href="/dashboards/1/arrange">Arrange tiles</a>"#))

            func move(_ fields: [(String, String)]) async throws -> TestResponse {
                try await SavedDashboardTests.post(client, "/dashboards/1/tiles", cookie: cookie, fields)
            }
            let down = try await move([("csrf", csrf), ("action", "down"), ("index", "0"), ("insight", "2")])
            #expect(down.status == .ok)
            #expect(down.text.contains("Moved Resolved down."))
            #expect(Self.arranged(down.text) == ["Failures", "Resolved", "Created"])
            let up = try await move([("csrf", csrf), ("action", "up"), ("index", "2"), ("insight", "1")])
            #expect(Self.arranged(up.text) == ["Failures", "Created", "Resolved"])

            for (fields, status, reason) in [
                ([("action", "down"), ("index", "0"), ("insight", "2")], 400, "The dashboard changed"),
                ([("action", "up"), ("index", "0"), ("insight", "3")], 400, "already the first"),
                ([("action", "down"), ("index", "2"), ("insight", "2")], 400, "already the last"),
                ([("action", "up"), ("index", "9223372036854775807"), ("insight", "1")], 400, "The dashboard changed"),
                ([("action", "up"), ("index", "-1"), ("insight", "1")], 400, "The dashboard changed"),
                ([("action", "sideways"), ("index", "1"), ("insight", "1")], 400, "must say up, down, remove or add"),
                ([("action", "up"), ("insight", "1")], 400, "did not name a tile"),
                ([("action", "up"), ("index", "1")], 400, "did not name a saved insight"),
                ([("action", "add"), ("insight", "2")], 400, "already a tile"),
                ([("action", "add"), ("insight", "99")], 400, "There is no such insight."),
            ] as [([(String, String)], Int, String)] {
                let refused = try await move([("csrf", csrf)] + fields)
                #expect(refused.status.code == status, "\(fields)")
                #expect(refused.text.contains(reason), "\(fields)")
            }
            let forged = try await move([("csrf", "forged"), ("action", "up"), ("index", "1"), ("insight", "1")])
            #expect(forged.status == .forbidden)
            #expect(try await move([("action", "up"), ("index", "1"), ("insight", "1")]).status == .forbidden)
            let anonymous = try await client.execute(
                uri: "/dashboards/1/tiles", method: .post, headers: DashboardHTTP.formType,
                body: DashboardHTTP.form([("csrf", csrf), ("action", "up"), ("index", "1"), ("insight", "1")]))
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in")
            let elsewhere = try await SavedDashboardTests.post(
                client, "/dashboards/2/tiles", cookie: cookie,
                [("csrf", csrf), ("action", "up"), ("index", "1"), ("insight", "1")])
            #expect(elsewhere.status == .notFound)
            #expect(elsewhere.text.contains("There is no dashboard 2."))
            #expect(try await Self.arrangedNow(client, cookie: cookie) == ["Failures", "Created", "Resolved"])

            let removed = try await move([("csrf", csrf), ("action", "remove"), ("index", "0"), ("insight", "3")])
            #expect(Self.arranged(removed.text) == ["Created", "Resolved"])
            let added = try await move([("csrf", csrf), ("action", "add"), ("insight", "3")])
            #expect(added.text.contains("Added Failures as the last tile."))
            #expect(Self.arranged(added.text) == ["Created", "Resolved", "Failures"])
            let export = try LibraryDocument.parse(
                try await DashboardHTTP.get(client, "/saved/export", cookie: cookie).text)
            #expect(
                export.dashboards == [
                    LibraryDocument.Dashboard(name: "Board", insights: ["Created", "Resolved", "Failures"])
                ])
        }
    }

    @Test("insights and dashboards are renamed and deleted; deleting an insight removes its tiles")
    func renameAndDelete() async throws {
        try await Self.withThreeInsights { client, cookie, csrf in
            func post(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
                try await SavedDashboardTests.post(client, uri, cookie: cookie, fields)
            }
            let renamed = try await post("/saved/insights/1/rename", [("csrf", csrf), ("name", "  <b>Made</b> ")])
            #expect(renamed.status == .ok)
            #expect(renamed.text.contains("Renamed the insight to &lt;b&gt;Made&lt;/b&gt;."))
            #expect(!renamed.text.contains("<b>Made"))
            for (name, reason) in [
                (String(repeating: "n", count: 201), "A name has at most 200 characters."),
                ("   ", "A name is needed."), ("bell\u{7}", "A name cannot contain control characters."),
            ] {
                let refused = try await post("/saved/insights/2/rename", [("csrf", csrf), ("name", name)])
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("Not renamed: \(reason)"))
            }
            for id in ["99", "abc", "-1"] {
                let unknown = try await post("/saved/insights/\(id)/rename", [("csrf", csrf), ("name", "x")])
                #expect(unknown.status == .notFound)
                #expect(unknown.text.contains("There is no saved insight \(id)."))
            }
            #expect(try await post("/saved/insights/2/rename", [("name", "stolen")]).status == .forbidden)
            let huge = try await post(
                "/saved/insights/2/rename", [("csrf", csrf), ("name", String(repeating: "n", count: 70_000))])
            #expect(huge.status == .contentTooLarge)
            let list = try await DashboardHTTP.get(client, "/saved", cookie: cookie)
            #expect(list.text.contains(#"<label for="tile-2">Resolved</label>"#))

            _ = try await post(
                "/saved/dashboards", [("csrf", csrf), ("name", "Board"), ("tile-1", "on"), ("tile-2", "on")])
            #expect(try await post("/saved/insights/1/delete", []).status == .forbidden)
            let deleted = try await post("/saved/insights/1/delete", [("csrf", csrf)])
            #expect(deleted.status == .ok)
            #expect(
                deleted.text.contains("Deleted the insight &lt;b&gt;Made&lt;/b&gt;; its tile was removed from Board."))
            #expect(try await Self.arrangedNow(client, cookie: cookie) == ["Resolved"])
            #expect(try await post("/saved/insights/1/delete", [("csrf", csrf)]).status == .notFound)

            let board = try await post("/dashboards/1/rename", [("csrf", csrf), ("name", "Support desk")])
            #expect(board.text.contains("<h1>Arrange Support desk</h1>"))
            let long = try await post(
                "/dashboards/1/rename", [("csrf", csrf), ("name", String(repeating: "d", count: 300))])
            #expect(long.status == .badRequest)
            #expect(long.text.contains("Not renamed: A name has at most 200 characters."))
            #expect(try await post("/dashboards/8/rename", [("csrf", csrf), ("name", "x")]).status == .notFound)
            #expect(try await post("/dashboards/1/delete", [("csrf", "forged")]).status == .forbidden)
            #expect(try await DashboardHTTP.get(client, "/dashboards/1", cookie: cookie).status == .ok)
            let gone = try await post("/dashboards/1/delete", [("csrf", csrf)])
            #expect(gone.text.contains("Deleted the dashboard Support desk."))
            #expect(try await DashboardHTTP.get(client, "/dashboards/1", cookie: cookie).status == .notFound)
            #expect(try await DashboardHTTP.get(client, "/dashboards/1/arrange", cookie: cookie).status == .notFound)
            #expect(try await post("/dashboards/1/delete", [("csrf", csrf)]).status == .notFound)
            let left = try LibraryDocument.parse(
                try await DashboardHTTP.get(client, "/saved/export", cookie: cookie).text)
            #expect(left.insights.map(\.name) == ["Resolved", "Failures"])
            #expect(left.dashboards.isEmpty)
        }
    }
}
