import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Sign-in, sessions, CSRF and the security headers, over real HTTP without a browser.
@Suite("Dashboard sign-in and sessions", .timeLimit(.minutes(2)))
struct DashboardSignInTests {
    @Test("without a session every page sends the browser to the sign-in page; the stylesheet is public")
    func pagesNeedSession() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            for page in ReportPage.allCases {
                let response = try await client.execute(uri: page.path, method: .get)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/sign-in")
                #expect(!response.text.contains("<svg"))
            }
            for hostile in ["x", String(repeating: "a", count: 64), String(repeating: "z", count: 5000), "../../etc"] {
                let response = try await DashboardHTTP.get(client, "/", cookie: "collector_session=\(hostile)")
                #expect(response.status == .seeOther)
            }
            let css = try await client.execute(uri: "/assets/dashboard.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("prefers-color-scheme: dark"))
        }
    }

    @Test("the sign-in page has a password field, a CSRF token, and a CSP whose nonce is its script's")
    func signInPage() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let page = try await client.execute(uri: "/sign-in", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<input type="password" id="token" name="token""#))
            #expect(page.text.contains(#"<label for="token">Admin token</label>"#))
            let policy = try #require(page.headers[.contentSecurityPolicy])
            let nonce = try #require(policy.split(separator: "'nonce-").last?.prefix { $0 != "'" })
            #expect(page.text.contains(#"<script nonce="\#(nonce)">"#))
            #expect(policy.hasPrefix("default-src 'none'; script-src 'nonce-"))
            #expect(!policy.contains("http"))
            #expect(page.headers[.cacheControl] == "no-store")
            let cookie = try #require(DashboardHTTP.setCookies(page)[DashboardController.signInCookie])
            #expect(cookie.value == DashboardHTTP.csrfField(page.text))
            #expect(cookie.line.contains("HttpOnly") && cookie.line.contains("SameSite=Strict"))
            #expect(!cookie.line.contains("Secure"))
        }
    }

    @Test("the admin token signs in: a session cookie, HttpOnly and SameSite=Strict, then the overview")
    func signIn() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let response = try await DashboardHTTP.signIn(client)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let session = try #require(DashboardHTTP.setCookies(response)[DashboardController.sessionCookie])
            #expect(session.line.contains("HttpOnly"))
            #expect(session.line.contains("SameSite=Strict"))
            #expect(session.line.contains("Path=/"))
            #expect(!session.line.contains("Secure"))
            #expect(session.value.count == 64)
            let overview = try await DashboardHTTP.get(client, "/", cookie: "collector_session=\(session.value)")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("<h1>Overview</h1>"))
            #expect(overview.text.contains(#"<nav aria-label="Dashboard pages">"#))
        }
    }

    @Test("the session cookie is Secure behind TLS (X-Forwarded-Proto: https) and when configured")
    func secureCookie() async throws {
        let proxied = try TestCollector()
        try await proxied.withLiveServer { client in
            let response = try await DashboardHTTP.signIn(
                client, extra: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let session = try #require(DashboardHTTP.setCookies(response)[DashboardController.sessionCookie])
            #expect(session.line.contains("Secure"))
        }
        let configured = try TestCollector { $0.dashboard.secureCookies = true }
        try await configured.withLiveServer { client in
            let response = try await DashboardHTTP.signIn(client)
            let session = try #require(DashboardHTTP.setCookies(response)[DashboardController.sessionCookie])
            #expect(session.line.contains("Secure"))
        }
    }

    @Test(
        "a wrong token is refused with 401 and no session",
        arguments: ["wrong-token", "", "admin-token-0123456789abcdeX"])
    func wrongToken(_ token: String) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let response = try await DashboardHTTP.signIn(client, token: token)
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("That is not this collector&#39;s admin token."))
            #expect(DashboardHTTP.setCookies(response)[DashboardController.sessionCookie] == nil)
        }
    }

    @Test("a sign-in without the CSRF token, or with another one, is refused with 403")
    func signInCSRF() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let page = try await client.execute(uri: "/sign-in", method: .get)
            let cookie = try #require(DashboardHTTP.setCookies(page)[DashboardController.signInCookie]).value
            var headers = DashboardHTTP.formType
            headers[.cookie] = "\(DashboardController.signInCookie)=\(cookie)"
            let attempts: [(HTTPFields, [(String, String)])] = [
                (headers, [("token", TestCollector.adminToken)]),
                (headers, [("token", TestCollector.adminToken), ("csrf", String(repeating: "0", count: 64))]),
                (DashboardHTTP.formType, [("token", TestCollector.adminToken), ("csrf", cookie)]),
            ]
            for (headers, fields) in attempts {
                let response = try await client.execute(
                    uri: "/sign-in", method: .post, headers: headers, body: DashboardHTTP.form(fields))
                #expect(response.status == .forbidden)
                #expect(DashboardHTTP.setCookies(response)[DashboardController.sessionCookie] == nil)
            }
        }
    }

    @Test("malformed, oversized and non-form sign-in bodies get a clear refusal")
    func hostileForms() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let oversized = try await client.execute(
                uri: "/sign-in", method: .post, headers: DashboardHTTP.formType,
                body: ByteBuffer(string: "token=" + String(repeating: "a", count: 100_000)))
            #expect(oversized.status == .contentTooLarge)
            let json = try await client.execute(
                uri: "/sign-in", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"token": "x"}"#))
            #expect(json.status == .unsupportedMediaType)
            let malformed = try await client.execute(
                uri: "/sign-in", method: .post, headers: DashboardHTTP.formType,
                body: ByteBuffer(string: "token=%zz&csrf=%"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.text.contains("The form could not be read."))
        }
    }

    @Test("a session ends when its lifetime passes on the clock")
    func expiry() async throws {
        let clock = ManualClock()
        let collector = try TestCollector {
            $0.dashboard.sessionLifetime = .seconds(600)
            $0.dashboard.now = { clock.now }
        }
        try await collector.withLiveServer { client in
            let cookie = try await DashboardHTTP.session(client)
            clock.advance(by: 599)
            #expect(try await DashboardHTTP.get(client, "/tickets", cookie: cookie).status == .ok)
            clock.advance(by: 2)
            let expired = try await DashboardHTTP.get(client, "/tickets", cookie: cookie)
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/sign-in?expired=1")
            let page = try await client.execute(uri: "/sign-in?expired=1", method: .get)
            #expect(page.text.contains("Your session expired; sign in again."))
        }
    }

    @Test("sign-out needs the session's CSRF token; then the session is over")
    func signOut() async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let cookie = try await DashboardHTTP.session(client)
            let overview = try await DashboardHTTP.get(client, "/", cookie: cookie)
            let csrf = try #require(DashboardHTTP.csrfField(overview.text))
            var headers = DashboardHTTP.formType
            headers[.cookie] = cookie
            let refused = try await client.execute(
                uri: "/sign-out", method: .post, headers: headers, body: DashboardHTTP.form([]))
            #expect(refused.status == .forbidden)
            #expect(try await DashboardHTTP.get(client, "/", cookie: cookie).status == .ok)
            let done = try await client.execute(
                uri: "/sign-out", method: .post, headers: headers, body: DashboardHTTP.form([("csrf", csrf)]))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/sign-in?signed-out=1")
            #expect(
                DashboardHTTP.setCookies(done)[DashboardController.sessionCookie]?.line.contains("Max-Age=0") == true)
            #expect(try await DashboardHTTP.get(client, "/", cookie: cookie).headers[.location] == "/sign-in")
        }
    }

    @Test("with no admin token nobody can sign in, and the page says how to set one")
    func disabled() async throws {
        let collector = try TestCollector { $0.adminToken = nil }
        try await collector.withLiveServer { client in
            let page = try await client.execute(uri: "/sign-in", method: .get)
            #expect(page.text.contains("No admin token is configured"))
            #expect(!page.text.contains(#"type="password""#))
            let cookie = try #require(DashboardHTTP.setCookies(page)[DashboardController.signInCookie]).value
            var headers = DashboardHTTP.formType
            headers[.cookie] = "\(DashboardController.signInCookie)=\(cookie)"
            let response = try await client.execute(
                uri: "/sign-in", method: .post, headers: headers,
                body: DashboardHTTP.form([("csrf", cookie), ("token", "anything-at-all-0000")]))
            #expect(response.status == .forbidden)
            #expect(DashboardHTTP.setCookies(response)[DashboardController.sessionCookie] == nil)
        }
    }

    @Test(
        "session variables are applied and malformed ones named",
        arguments: [
            ("COLLECTOR_SECURE_COOKIES", "maybe"), ("COLLECTOR_SESSION_MINUTES", "0"),
            ("COLLECTOR_SESSION_MINUTES", "ten"), ("COLLECTOR_SESSION_MINUTES", "99999999999999999999"),
        ])
    func environment(_ variable: String, _ value: String) throws {
        var configuration = CollectorConfiguration()
        try configuration.apply(environment: ["COLLECTOR_SECURE_COOKIES": "true", "COLLECTOR_SESSION_MINUTES": "15"])
        #expect(configuration.dashboard.secureCookies)
        #expect(configuration.dashboard.sessionLifetime == .seconds(900))
        #expect {
            try configuration.apply(environment: [variable: value])
        } throws: { error in
            (error as? CollectorConfigurationError)?.variable == variable
        }
    }
}
