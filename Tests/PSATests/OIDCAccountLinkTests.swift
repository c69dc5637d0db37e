import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import PSA

/// How a verified identity finds its account, the tenant's sign-up setting, and a provider that cannot be used.
@Suite("OpenID Connect accounts, settings and provider failures", .timeLimit(.minutes(3)))
struct OIDCAccountLinkTests {
    @Test func aLinkedAccountIsFoundByItsSubjectAndCannotBeTakenOverByAnotherOne() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            let admin = try await client.signUp()
            let first = try await client.signIn(with: provider) { nonce in
                try await provider.sign(
                    TestIDToken(
                        issuer: provider.issuer, email: admin.email, nonce: nonce, at: psa.clock.now, subject: "s-1"))
            }
            #expect(first.response["user_id"] as? String == admin.userID)
            // The provider now reports another address for the same person: still the same account.
            let renamed = try await client.signIn(with: provider) { nonce in
                try await provider.sign(
                    TestIDToken(
                        issuer: provider.issuer, email: "ann.new@acme.test", nonce: nonce, at: psa.clock.now,
                        subject: "s-1"))
            }
            #expect(renamed.response["user_id"] as? String == admin.userID)
            // Another identity at the provider with the admin's address (a recycled address) is refused.
            let other = try await client.signIn(with: provider) { nonce in
                try await provider.sign(
                    TestIDToken(
                        issuer: provider.issuer, email: admin.email, nonce: nonce, at: psa.clock.now, subject: "s-2"))
            }
            #expect(other.response.status == .unauthorized)
            #expect(other.response["code"] as? String == "oidc_invalid_token")
            let failures = try await psa.events(named: "login_failed")
            #expect(failures.map(\.eventProperties) == [["reason": "oauth_invalid_token", "provider": "google"]])
        }
    }

    @Test func onlyAnAdminSetsAValidSignupDomain() async throws {
        try await OIDCSignInTests.run { _, client, _ in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            #expect(
                try await client.call(.get, "/api/auth/oidc/settings", token: admin.token)["signup_domain"] is NSNull)
            let byAgent = try await client.call(
                .put, "/api/auth/oidc/settings", token: agent.token, json: #"{"signup_domain": "acme.test"}"#)
            #expect(byAgent.status == .forbidden)
            let anonymous = try await client.call(
                .put, "/api/auth/oidc/settings", json: #"{"signup_domain": "acme.test"}"#)
            #expect(anonymous.status == .unauthorized)
            for body in [
                #"{"signup_domain": "ann@acme.test"}"#, #"{"signup_domain": "acme"}"#, #"{"signup_domain": ".test"}"#,
                #"{"signup_domain": "acme.test\u0000"}"#, #"{"signup_domain": 5}"#, #"{}"#, #"{"domain": "acme.test"}"#,
                #"{"signup_domain": "\#(String(repeating: "a", count: 300)).test"}"#, "not json",
            ] {
                let refused = try await client.call(.put, "/api/auth/oidc/settings", token: admin.token, json: body)
                #expect(refused.status == .badRequest, "\(body.prefix(40))")
                #expect(refused["type"] as? String == "validation_error")
            }
            #expect(
                try await client.call(.get, "/api/auth/oidc/settings", token: admin.token)["signup_domain"] is NSNull)
            let set = try await client.call(
                .put, "/api/auth/oidc/settings", token: admin.token, json: #"{"signup_domain": " Acme.TEST "}"#)
            #expect(set["signup_domain"] as? String == "acme.test")
            let cleared = try await client.call(
                .put, "/api/auth/oidc/settings", token: admin.token, json: #"{"signup_domain": null}"#)
            #expect(cleared.status == .ok)
            #expect(
                try await client.call(.get, "/api/auth/oidc/settings", token: admin.token)["signup_domain"] is NSNull)
        }
    }

    @Test func unfinishedStartsFromOneAddressAreBounded() async throws {
        try await LocalOpenIDProvider.run { provider in
            try await TestPSA.run(
                configure: {
                    $0.oidc.clients[.google] = provider.client()
                    $0.oidc.unfinishedStartsPerAddress = 3
                }, over: .live
            ) { psa, client in
                for _ in 0..<3 {
                    #expect(try await client.call(.get, "/api/auth/oidc/google/start").status == .found)
                }
                let refused = try await client.call(.get, "/api/auth/oidc/google/start")
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers[.retryAfter] == "600")
                psa.clock.advance(by: 601)
                #expect(try await client.call(.get, "/api/auth/oidc/google/start").status == .found)
            }
        }
    }

    @Test func anUnreachableProviderAnswers502() async throws {
        try await TestPSA.run(configure: {
            // Connection attempts are retried until the timeout.
            $0.oidc.requestTimeout = 0.5
            $0.oidc.clients[.keycloak] = OIDCConfiguration.Client(
                issuer: "http://127.0.0.1:9/realms/msp", clientID: "psa", clientSecret: "secret",
                redirectURI: "https://psa.example.com/api/auth/oidc/keycloak/callback")
        }) { psa, client in
            let start = try await client.call(.get, "/api/auth/oidc/keycloak/start")
            #expect(start.status == .badGateway)
            #expect(start["code"] as? String == "oidc_provider_unavailable")
            #expect(start.headers[.setCookie] == nil)
            let google = try await client.call(.get, "/api/auth/oidc/google/start")
            #expect(google.status == .notFound)
        }
    }

    @Test func aFailingDiscoveryIsNotAskedAgainWithinTheRefreshInterval() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            provider.setDiscoveryFails(true)
            for _ in 0..<3 {
                let start = try await client.call(.get, "/api/auth/oidc/google/start")
                #expect(start.status == .badGateway)
            }
            #expect(provider.discoveryFetches == 1)
            provider.setDiscoveryFails(false)
            psa.clock.advance(by: 61)
            #expect(try await client.call(.get, "/api/auth/oidc/google/start").status == .found)
            #expect(try await client.call(.get, "/api/auth/oidc/google/start").status == .found)
            #expect(provider.discoveryFetches == 2)
        }
    }

    @Test(arguments: [
        (
            #"{"issuer":"https://other.example","authorization_endpoint":"https://idp.example/a","token_endpoint":"https://idp.example/t","jwks_uri":"https://idp.example/k"}"#,
            ProviderDocumentError.issuerMismatch
        ),
        (
            #"{"issuer":"https://idp.example","authorization_endpoint":"https://idp.example/a","token_endpoint":"http://idp.example/t","jwks_uri":"https://idp.example/k"}"#,
            .unusableEndpoint
        ),
        (
            #"{"issuer":"https://idp.example","authorization_endpoint":"javascript:alert(1)","token_endpoint":"https://idp.example/t","jwks_uri":"https://idp.example/k"}"#,
            .unusableEndpoint
        ),
        (
            #"{"issuer":"https://idp.example","authorization_endpoint":"https://idp.example/a","token_endpoint":"https://idp.example/t","jwks_uri":"https://idp.example/k","code_challenge_methods_supported":["plain"]}"#,
            .noPKCE
        ),
    ])
    func discoveryDocumentsAreChecked(document: String, error: ProviderDocumentError) throws {
        let client = OIDCConfiguration.Client(
            issuer: "https://idp.example", clientID: "psa", clientSecret: "secret",
            redirectURI: "https://psa.example/cb")
        let metadata = try JSONDecoder().decode(ProviderMetadata.self, from: Data(document.utf8))
        #expect(throws: error) { try metadata.validated(for: client) }
        var valid = metadata
        valid.issuer = "https://idp.example"
        valid.authorizationEndpoint = "https://idp.example/auth?tenant=x"
        valid.tokenEndpoint = "https://idp.example/token"
        valid.codeChallengeMethods = ["plain", "S256"]
        #expect(try valid.validated(for: client) == valid)
    }
}
