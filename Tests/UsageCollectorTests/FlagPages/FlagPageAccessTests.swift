import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UsageAnalytics

@testable import UsageCollector

/// Who may see and change flags from the dashboard: a session, its CSRF token on every post, and only the flags of
/// the project in the path.
@Suite("Flag page access", .timeLimit(.minutes(2)))
struct FlagPageAccessTests {
    static let pages = [
        "/flags", FlagPagesHTTP.flags, FlagPagesHTTP.flags + "/new", FlagPagesHTTP.flags + "/1",
        FlagPagesHTTP.flags + "/1/edit",
    ]
    static let posts = [
        FlagPagesHTTP.flags, FlagPagesHTTP.flags + "/1", FlagPagesHTTP.flags + "/1/active",
        FlagPagesHTTP.flags + "/1/archive",
    ]

    @Test("without a session every page and form sends the browser to sign in, and nothing changes")
    func notSignedIn() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            _ = try await http.create(FlagPagesHTTP.multivariate("ordering"))
            for page in Self.pages {
                let response = try await http.client.execute(uri: page, method: .get)
                #expect(response.status == .seeOther, "\(page)")
                #expect(response.headers[.location] == "/sign-in")
            }
            for uri in Self.posts {
                let response = try await http.client.execute(
                    uri: uri, method: .post,
                    headers: [.cookie: "collector_session=forged", .contentType: "application/x-www-form-urlencoded"],
                    body: DashboardHTTP.form([("csrf", http.csrf)] + FlagPagesHTTP.multivariate("other")))
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/sign-in")
            }
            #expect(try await http.storedCount() == 1)
            #expect(try await http.stored(1)[member: "version"] == 1)
        }
    }

    @Test("a post without this session's CSRF token is refused with 403", arguments: [nil, "forged-token"])
    func csrf(token: String?) async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            _ = try await http.create(FlagPagesHTTP.multivariate("ordering"))
            for uri in Self.posts {
                // Each field once (the form decoder refuses repeats): `active=on` also asks /active to switch.
                let fields =
                    (token.map { [("csrf", $0)] } ?? []) + [("version", "1")] + FlagPagesHTTP.multivariate("other")
                let response = try await http.post(uri, fields, csrf: false)
                #expect(response.status == .forbidden, "\(uri)")
                #expect(response.text.contains("The form did not carry this session&#39;s CSRF token."))
            }
            #expect(try await http.storedCount() == 1)
            #expect(try await http.stored(1)[member: "version"] == 1)
        }
    }

    @Test(
        "an unknown flag id, or one that is no number, is 404 on every page and form",
        arguments: ["999", "abc", "-1", "0"])
    func unknownFlag(id: String) async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let base = FlagPagesHTTP.flags + "/" + id
            for response in [
                try await http.get(base), try await http.get(base + "/edit"),
                try await http.post(base, FlagPagesHTTP.multivariate("x") + [("version", "1")]),
                try await http.post(base + "/active", [("active", "off")]), try await http.post(base + "/archive", []),
            ] {
                #expect(response.status == .notFound)
                #expect(response.text.contains("There is no flag \(id) in this project."))
            }
        }
    }

    @Test("a flag of another project is unknown here, and an unknown project has no flag pages")
    func otherProject() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let theirs = try await http.create(FlagPagesHTTP.multivariate("theirs"))
            #expect(theirs == FlagPagesHTTP.flags + "/1")
            let other = try await http.post(FlagPagesHTTP.otherFlags, FlagPagesHTTP.multivariate("mine"))
            #expect(other.headers[.location] == FlagPagesHTTP.otherFlags + "/2")
            let base = FlagPagesHTTP.otherFlags + "/1"
            for response in [
                try await http.get(base), try await http.get(base + "/edit"),
                try await http.post(base, FlagPagesHTTP.multivariate("x") + [("version", "1")]),
                try await http.post(base + "/active", [("active", "off")]), try await http.post(base + "/archive", []),
            ] {
                #expect(response.status == .notFound)
            }
            let list = try await http.get(FlagPagesHTTP.otherFlags)
            #expect(list.text.contains(#"data-key="mine""#))
            #expect(!list.text.contains(#"data-key="theirs""#))
            #expect(list.text.contains(#"<a href="\#(FlagPagesHTTP.flags)">phc_test_project</a>"#))
            #expect(try await http.stored(1)[member: "version"] == 1)

            for project in ["12345", "phc_test_project", "%3Cscript%3E"] {
                let unknown = try await http.get("/projects/\(project)/flags")
                #expect(unknown.status == .notFound)
                #expect(unknown.text.contains("There is no project"))
                #expect(!unknown.text.contains("<script>"))
            }
        }
    }
}
