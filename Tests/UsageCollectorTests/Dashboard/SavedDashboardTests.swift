import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Saving from the builder, composing a dashboard, its page over a dashboard-wide range, export and import.
@Suite("Saved insights and dashboards", .timeLimit(.minutes(2)))
struct SavedDashboardTests {
    static func post(
        _ client: any TestClientProtocol, _ uri: String, cookie: String, _ fields: [(String, String)]
    ) async throws -> TestResponse {
        var headers = DashboardHTTP.formType
        headers[.cookie] = cookie
        return try await client.execute(uri: uri, method: .post, headers: headers, body: DashboardHTTP.form(fields))
    }

    @Test("save two insights, make a dashboard of them, read its tiles over a range, export and import")
    func flow() async throws {
        try await BuilderAndExplorerTests.withSignedIn { client, cookie, csrf in
            for (name, events) in [("Created", "ticket_created"), ("Failures", "login_failed")] {
                let saved = try await Self.post(
                    client, "/insights", cookie: cookie,
                    [("csrf", csrf), ("kind", "trends"), ("events", events), ("name", name), ("save", "1")]
                        + BuilderAndExplorerTests.range)
                #expect(saved.status == .ok)
                #expect(saved.text.contains("Saved as \(name)."))
            }
            let unnamed = try await Self.post(
                client, "/insights", cookie: cookie, [("csrf", csrf), ("kind", "trends"), ("save", "1")])
            #expect(unnamed.text.contains("Not saved: A name is needed."))
            let list = try await DashboardHTTP.get(client, "/saved", cookie: cookie)
            #expect(list.text.contains(#"<label for="tile-1">Created</label>"#))
            #expect(list.text.contains(#"<label for="tile-2">Failures</label>"#))

            let created = try await Self.post(
                client, "/saved/dashboards", cookie: cookie,
                [("csrf", csrf), ("name", "Support"), ("tile-1", "on"), ("tile-2", "on"), ("tile-99", "on")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let page = try await DashboardHTTP.get(
                client, location + "?from=2026-11-13&to=2026-11-14", cookie: cookie)
            #expect(page.text.contains("<h1>Support</h1>"))
            #expect(page.text.contains(#"<section class="card report-section" id="tile-1""#))
            #expect(page.text.contains("<tr><th scope=\"row\">2026-11-14</th><td>7</td></tr>"))
            #expect(page.text.contains("<tr><th scope=\"row\">2026-11-14</th><td>5</td></tr>"))
            #expect(!page.text.contains("2026-11-12"))

            let refused = try await Self.post(
                client, "/saved/dashboards", cookie: cookie, [("name", "x"), ("tile-1", "on")])
            #expect(refused.status == .forbidden)
            let none = try await Self.post(
                client, "/saved/dashboards", cookie: cookie, [("csrf", csrf), ("name", "x")])
            #expect(none.status == .badRequest)
            #expect(none.text.contains("Tick at least one saved insight."))
            #expect(try await DashboardHTTP.get(client, "/dashboards/12345", cookie: cookie).status == .notFound)

            let export = try await DashboardHTTP.get(client, "/saved/export", cookie: cookie)
            #expect(export.headers[.contentType] == "application/json")
            let document = try LibraryDocument.parse(export.text)
            #expect(
                document.dashboards == [LibraryDocument.Dashboard(name: "Support", insights: ["Created", "Failures"])])

            let imported = try await Self.post(
                client, "/saved/import", cookie: cookie, [("csrf", csrf), ("document", export.text)])
            #expect(imported.text.contains("Imported 2 insights and 1 dashboards."))
            let after = try await DashboardHTTP.get(client, "/saved", cookie: cookie)
            #expect(after.text.components(separatedBy: #"/arrange""#).count - 1 == 2)
            let hostile = try await Self.post(
                client, "/saved/import", cookie: cookie, [("csrf", csrf), ("document", "<script>")])
            #expect(hostile.status == .badRequest)
            #expect(hostile.text.contains("Nothing imported: The document is not an export"))
            #expect(!hostile.text.contains("<script>"))
        }
    }
}
