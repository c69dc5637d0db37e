import Foundation
import HTTPTypes
import HummingbirdOTP
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Sign-in with an OpenID provider (a local one on loopback), from the redirect to the session, with its events on
/// the wire, on both engines.
@Suite("OpenID Connect sign-in", .timeLimit(.minutes(3)))
struct OIDCSignInTests {
    /// Runs `body` with a local provider configured as `google` and `keycloak`.
    static func run(
        on engine: Engine = .sqlite,
        _ body: @Sendable (TestPSA, any TestClientProtocol, LocalOpenIDProvider) async throws -> Void
    ) async throws {
        try await LocalOpenIDProvider.run { provider in
            try await TestPSA.run(
                on: engine,
                configure: {
                    $0.oidc.clients[.google] = provider.client()
                    $0.oidc.clients[.keycloak] = provider.client(
                        redirectURI: "https://psa.example.com/api/auth/oidc/keycloak/callback")
                }
            ) { psa, client in try await body(psa, client, provider) }
        }
    }

    @Test(arguments: Engine.available)
    func linksAnInvitedAccountByVerifiedEmailAndIssuesASession(engine: Engine) async throws {
        try await Self.run(on: engine) { psa, client, provider in
            let admin = try await client.signUp()
            let response = try await client.signIn(with: provider, email: "Ann@Acme.test", at: psa.clock.now)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response["user_id"] as? String == admin.userID)
            #expect(response["tenant_id"] as? String == admin.tenantID)
            #expect(response.headers[.cacheControl] == "no-store")
            let token = try #require(response["token"] as? String)
            let sessions = try await client.call(.get, "/api/auth/sessions", token: token)
            #expect(sessions.results.first { $0["current"] as? Bool == true }?["provider"] as? String == "google")
            // The same account through the other provider, linked to it on the way.
            let again = try await client.signIn(
                with: provider, email: "ann@acme.test", as: "keycloak", at: psa.clock.now)
            #expect(again["user_id"] as? String == admin.userID)

            let events = try await psa.events().filter { $0.name != "api_request" && $0.name != "user_signed_up" }
            #expect(
                events.map(\.name).suffix(4) == [
                    "auth_validated", "user_logged_in", "auth_validated", "user_logged_in",
                ])
            #expect(
                events.suffix(4).map(\.eventProperties) == [
                    ["has_two_factor": false, "is_admin": true],
                    ["provider": "google", "user_type": "internal", "has_two_factor": false, "login_method": "oauth"],
                    ["has_two_factor": false, "is_admin": true],
                    [
                        "provider": "keycloak", "user_type": "internal", "has_two_factor": false,
                        "login_method": "oauth",
                    ],
                ])
            for event in events.suffix(4) {
                #expect(event.distinctID == ExpectedID.tenant(admin.tenantID))
                #expect(!event.wireText.contains("acme.test") && !event.wireText.contains(token))
            }
        }
    }

    @Test(arguments: Engine.available)
    func inactiveAccountIsRefusedWithItsReason(engine: Engine) async throws {
        try await Self.run(on: engine) { psa, client, provider in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            _ = try await client.call(
                .patch, "/api/users/\(agent.userID)", token: admin.token, json: #"{"active": false}"#)
            let response = try await client.signIn(
                with: provider, email: "bo@acme.test", as: "keycloak", at: psa.clock.now)
            #expect(response.status == .forbidden)
            #expect(response["code"] as? String == "account_inactive")
            let failures = try await psa.events(named: "login_failed")
            #expect(
                failures.map(\.eventProperties) == [
                    ["reason": "oauth_inactive_account", "provider": "keycloak", "has_two_factor": false]
                ])
            #expect(failures.map(\.distinctID) == [ExpectedID.tenant(admin.tenantID)])
            #expect(!failures[0].wireText.contains("acme.test"))
        }
    }

    @Test(arguments: Engine.available)
    func invalidTokenIsRefusedWithItsReason(engine: Engine) async throws {
        try await Self.run(on: engine) { psa, client, provider in
            _ = try await client.signUp()
            let attempt = try await client.signIn(with: provider) { nonce in
                var claims = TestIDToken(
                    issuer: provider.issuer, email: "ann@acme.test", nonce: nonce, at: psa.clock.now)
                claims.exp = Int(psa.clock.now.timeIntervalSince1970) - 600
                return try await provider.sign(claims)
            }
            #expect(attempt.response.status == .unauthorized)
            #expect(attempt.response["code"] as? String == "oidc_invalid_token")
            let failures = try await psa.events(named: "login_failed")
            #expect(failures.map(\.eventProperties) == [["reason": "oauth_invalid_token", "provider": "google"]])
            #expect(failures.map(\.distinctID) == [ExpectedID.installation])
            #expect(try await psa.events(named: "user_logged_in").count == 1)  // the password sign-in of signUp()
        }
    }

    @Test func unknownEmailCreatesNoAccountUnlessTheTenantAllowsItsDomain() async throws {
        try await Self.run { psa, client, provider in
            let admin = try await client.signUp()
            let refused = try await client.signIn(
                with: provider, email: "new.agent@acme.test", tenant: admin.tenantID, at: psa.clock.now)
            #expect(refused.status == .forbidden)
            #expect(refused["code"] as? String == "no_account")
            let users = try await client.call(.get, "/api/users", token: admin.token)
            #expect(users.results.count == 1)

            let set = try await client.call(
                .put, "/api/auth/oidc/settings", token: admin.token, json: #"{"signup_domain": "Acme.test"}"#)
            #expect(set.status == .ok, "\(set.text)")
            #expect(set["signup_domain"] as? String == "acme.test")
            // Another domain, or no tenant named at the start, still creates nothing.
            let otherDomain = try await client.signIn(
                with: provider, email: "mallory@evil.test", tenant: admin.tenantID, at: psa.clock.now)
            #expect(otherDomain["code"] as? String == "no_account")
            let noTenant = try await client.signIn(with: provider, email: "new.agent@acme.test", at: psa.clock.now)
            #expect(noTenant["code"] as? String == "no_account")

            let created = try await client.signIn(
                with: provider, email: "new.agent@acme.test", tenant: admin.tenantID, at: psa.clock.now)
            #expect(created.status == .ok, "\(created.text)")
            #expect(created["role"] as? String == "agent")
            #expect(created["tenant_id"] as? String == admin.tenantID)
            let me = try await client.call(.get, "/api/me", token: created["token"] as? String)
            #expect(me["email"] as? String == "new.agent@acme.test")

            let failures = try await psa.events(named: "login_failed")
            #expect(failures.map { $0.eventProperties["reason"] } == ["unknown_user", "unknown_user", "unknown_user"])
            #expect(failures.allSatisfy { $0.eventProperties["provider"] == "google" })
            let signUp = try await psa.events(named: "user_signed_up").last
            #expect(
                signUp?.eventProperties
                    == ["registration_method": "single_sign_on", "user_type": "internal", "company_created": false])
            let login = try await psa.events(named: "user_logged_in").last
            #expect(
                login?.eventProperties
                    == [
                        "provider": "google", "user_type": "internal", "has_two_factor": false, "login_method": "oauth",
                    ])
        }
    }

    @Test func twoFactorUsersAnswerAChallengeAfterTheProvider() async throws {
        try await Self.run { psa, client, provider in
            let user = try await TwoFactorTests.enrol(client, psa: psa)
            psa.clock.advance(by: 60)
            let response = try await client.signIn(with: provider, email: user.account.email, at: psa.clock.now)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response["two_factor_required"] as? Bool == true)
            #expect(response["token"] == nil)
            let challenge = try #require(response["challenge"] as? String)
            let wrong = try await client.call(
                .post, "/api/auth/login/two-factor", json: #"{"challenge": "\#(challenge)", "code": "000000"}"#)
            #expect(wrong["code"] as? String == "invalid_two_factor_code")
            let code = user.code(at: psa.clock.now)
            let signedIn = try await client.call(
                .post, "/api/auth/login/two-factor", json: #"{"challenge": "\#(challenge)", "code": "\#(code)"}"#)
            #expect(signedIn.status == .ok, "\(signedIn.text)")
            let login = try await psa.events(named: "user_logged_in").last
            #expect(
                login?.eventProperties
                    == ["provider": "google", "user_type": "internal", "has_two_factor": true, "login_method": "oauth"])
            let failures = try await psa.events(named: "login_failed")
            #expect(
                failures.last?.eventProperties
                    == ["reason": "invalid_two_factor_code", "provider": "google", "has_two_factor": true])
            let token = try #require(signedIn["token"] as? String)
            #expect(try await client.call(.post, "/api/auth/logout", token: token).status == .noContent)
            let logout = try await psa.events(named: "user_logged_out")
            #expect(logout.map(\.eventProperties) == [["user_type": "internal"]])
        }
    }

    @Test func startRedirectsWithPKCEStateAndNonce() async throws {
        try await Self.run { _, client, provider in
            let start = try await client.call(.get, "/api/auth/oidc/keycloak/start")
            #expect(start.status == .found)
            let location = try #require(start.headers[.location].flatMap { URLComponents(string: $0) })
            let query = Dictionary(uniqueKeysWithValues: (location.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(location.path == "/authorize")
            #expect(query["response_type"] == "code")
            #expect(query["client_id"] == LocalOpenIDProvider.clientID)
            #expect(query["redirect_uri"] == "https://psa.example.com/api/auth/oidc/keycloak/callback")
            #expect(query["scope"] == "openid email profile")
            #expect(query["code_challenge_method"] == "S256")
            #expect(query["code_challenge"]?.count == 43)
            #expect(query["state"]?.count == 43 && query["nonce"]?.count == 43 && query["state"] != query["nonce"])
            let cookie = try #require(start.headers[.setCookie])
            for attribute in ["psa_oidc=", "HttpOnly", "SameSite=Lax", "Path=/api/auth/oidc", "Secure", "Max-Age=600"] {
                #expect(cookie.contains(attribute), "\(cookie)")
            }
            let unknown = try await client.call(.get, "/api/auth/oidc/github/start")
            #expect(unknown.status == .notFound)
            #expect(unknown["code"] as? String == "unknown_provider")
            let badTenant = try await client.call(.get, "/api/auth/oidc/google/start?tenant=%27%20OR%201=1")
            #expect(badTenant.status == .badRequest)
            let missingTenant = try await client.call(
                .get, "/api/auth/oidc/google/start?tenant=00000000-0000-0000-0000-000000000000")
            #expect(missingTenant.status == .notFound)
        }
    }
}
