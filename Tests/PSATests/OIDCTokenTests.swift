import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Hostile and broken answers from a provider: each is refused with a 401 and `login_failed` (`oauth_invalid_token`),
/// and no session is issued.
@Suite("OpenID Connect token verification", .timeLimit(.minutes(3)))
struct OIDCTokenTests {
    /// The claims of a valid token for the signed-up admin.
    static func claims(_ provider: LocalOpenIDProvider, _ psa: TestPSA, nonce: String) -> TestIDToken {
        TestIDToken(issuer: provider.issuer, email: "ann@acme.test", nonce: nonce, at: psa.clock.now)
    }

    /// A token with `header` and `claims`, signed by `signature` over the signing input.
    static func token(header: String, claims: TestIDToken, signature: ([UInt8]) -> [UInt8]) throws -> String {
        let payload = try JSONEncoder().encode(claims)
        let input = base64URL(Array(header.utf8)) + "." + base64URL(Array(payload))
        return input + "." + base64URL(signature(Array(input.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Signs in with the token `makeToken` builds and expects the refusal `code`.
    static func expectRefused(
        _ client: some TestClientProtocol, _ provider: LocalOpenIDProvider, _ psa: TestPSA,
        code: String = "oidc_invalid_token", sourceLocation: SourceLocation = #_sourceLocation,
        makeToken: (_ nonce: String) async throws -> String
    ) async throws {
        let before = try await psa.events(named: "login_failed").count
        let attempt = try await client.signIn(with: provider, makeToken: makeToken)
        #expect(attempt.response.status == .unauthorized, "\(attempt.response.text)", sourceLocation: sourceLocation)
        #expect(attempt.response["code"] as? String == code, sourceLocation: sourceLocation)
        #expect(attempt.response["token"] == nil, sourceLocation: sourceLocation)
        let failures = try await psa.events(named: "login_failed").dropFirst(before)
        #expect(
            failures.map(\.eventProperties) == [["reason": "oauth_invalid_token", "provider": "google"]],
            sourceLocation: sourceLocation)
    }

    @Test(arguments: Engine.available)
    func forgedAndMisdirectedTokensAreRefused(engine: Engine) async throws {
        try await OIDCSignInTests.run(on: engine) { psa, client, provider in
            _ = try await client.signUp()
            // Signed with a key the provider never published, under a published key's id.
            provider.addKey("attacker", published: false)
            try await Self.expectRefused(client, provider, psa) { nonce in
                try await provider.sign(Self.claims(provider, psa, nonce: nonce), kid: "attacker", headerKID: "key-1")
            }
            try await Self.expectRefused(client, provider, psa) { nonce in
                var claims = Self.claims(provider, psa, nonce: nonce)
                claims.aud = "another-client"
                return try await provider.sign(claims)
            }
            try await Self.expectRefused(client, provider, psa) { nonce in
                var claims = Self.claims(provider, psa, nonce: nonce)
                claims.iss = "https://accounts.google.com"
                return try await provider.sign(claims)
            }
            try await Self.expectRefused(client, provider, psa) { nonce in
                var claims = Self.claims(provider, psa, nonce: nonce)
                claims.iat = Int(psa.clock.now.timeIntervalSince1970) + 3_600
                claims.exp = claims.iat + 300
                return try await provider.sign(claims)
            }
            try await Self.expectRefused(client, provider, psa) { nonce in
                var claims = Self.claims(provider, psa, nonce: nonce)
                claims.nonce = nil
                return try await provider.sign(claims)
            }
            try await Self.expectRefused(client, provider, psa, code: "oidc_email_unverified") { nonce in
                var claims = Self.claims(provider, psa, nonce: nonce)
                claims.emailVerified = false
                return try await provider.sign(claims)
            }
            // Well-signed tokens larger than any real ID token, and than any token response.
            for size in [20_000, 100_000] {
                try await Self.expectRefused(client, provider, psa) { nonce in
                    var claims = Self.claims(provider, psa, nonce: nonce)
                    claims.padding = String(repeating: "a", count: size)
                    return try await provider.sign(claims)
                }
            }
            #expect(try await psa.events(named: "user_logged_in").count == 1)
        }
    }

    @Test func unsignedAndSymmetricTokensAreRefused() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            _ = try await client.signUp()
            try await Self.expectRefused(client, provider, psa) { nonce in
                try Self.token(
                    header: #"{"alg":"none","kid":"key-1","typ":"JWT"}"#,
                    claims: Self.claims(provider, psa, nonce: nonce)
                ) { _ in [] }
            }
            // HS256 "signed" with the public key, hoping the verifier takes the key as an HMAC secret.
            for secret in [
                provider.publicJWK("key-1"), provider.publicJWK("key-1").data(using: .utf8)!.base64EncodedString(),
            ] {
                try await Self.expectRefused(client, provider, psa) { nonce in
                    try Self.token(
                        header: #"{"alg":"HS256","kid":"key-1","typ":"JWT"}"#,
                        claims: Self.claims(provider, psa, nonce: nonce)
                    ) { input in
                        Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: Data(secret.utf8))))
                    }
                }
            }
            // An asymmetric algorithm, but not the one the key declares.
            try await Self.expectRefused(client, provider, psa) { nonce in
                try Self.token(
                    header: #"{"alg":"RS256","kid":"key-1"}"#, claims: Self.claims(provider, psa, nonce: nonce)
                ) { _ in Array(repeating: 1, count: 256) }
            }
            try await Self.expectRefused(client, provider, psa) { _ in "not.a-token" }
            try await Self.expectRefused(client, provider, psa) { _ in "" }
        }
    }

    @Test func stateAndNonceAreSingleUse() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            _ = try await client.signUp()
            var firstNonce = ""
            let first = try await client.signIn(with: provider) { nonce in
                firstNonce = nonce
                return try await provider.sign(Self.claims(provider, psa, nonce: nonce))
            }
            #expect(first.response.status == .ok)
            let replayed = try await client.call(.get, first.callbackPath, headers: [.cookie: first.cookie])
            #expect(replayed.status == .unauthorized)
            #expect(replayed["code"] as? String == "oidc_invalid_state")
            // A token captured from the first sign-in, replayed into a new one.
            try await Self.expectRefused(client, provider, psa) { _ in
                try await provider.sign(Self.claims(provider, psa, nonce: firstNonce))
            }
            #expect(try await psa.events(named: "user_logged_in").count == 2)
        }
    }

    @Test func callbackNeedsTheStartingBrowserAndAnUnexpiredState() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            _ = try await client.signUp()
            let start = try await client.call(.get, "/api/auth/oidc/google/start")
            let path = try await provider.authorize(
                try #require(start.headers[.location]), callbackPath: "/api/auth/oidc/google/callback"
            ) { nonce in try await provider.sign(Self.claims(provider, psa, nonce: nonce)) }
            // Someone else's browser (no cookie, or a made-up one) cannot finish it, and the attempt spends it.
            let noCookie = try await client.call(.get, path)
            #expect(noCookie["code"] as? String == "oidc_invalid_state")
            let cookie = String(try #require(start.headers[.setCookie]).prefix { $0 != ";" })
            let spent = try await client.call(.get, path, headers: [.cookie: cookie])
            #expect(spent["code"] as? String == "oidc_invalid_state")

            let late = try await client.call(.get, "/api/auth/oidc/google/start")
            let latePath = try await provider.authorize(
                try #require(late.headers[.location]), callbackPath: "/api/auth/oidc/google/callback"
            ) { nonce in try await provider.sign(Self.claims(provider, psa, nonce: nonce)) }
            psa.clock.advance(by: 601)
            let expired = try await client.call(
                .get, latePath, headers: [.cookie: String(try #require(late.headers[.setCookie]).prefix { $0 != ";" })])
            #expect(expired["code"] as? String == "oidc_invalid_state")

            for hostile in [
                "?state=%00&code=x", "?code=x", "?state=" + String(repeating: "a", count: 10_000),
                "?error=access_denied",
            ] {
                let response = try await client.call(.get, "/api/auth/oidc/google/callback" + hostile)
                #expect(response.status == .unauthorized, "\(hostile.prefix(40))")
            }
            #expect(provider.tokenRequests == 0)
        }
    }

    @Test func declinedConsentIsAFailedSignIn() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            let start = try await client.call(.get, "/api/auth/oidc/google/start")
            let location = try #require(start.headers[.location])
            let state = try #require(
                URLComponents(string: location)?.queryItems?.first { $0.name == "state" }?.value)
            let cookie = String(try #require(start.headers[.setCookie]).prefix { $0 != ";" })
            let declined = try await client.call(
                .get, "/api/auth/oidc/google/callback?error=access_denied&state=\(state)", headers: [.cookie: cookie])
            #expect(declined.status == .unauthorized)
            #expect(declined["code"] as? String == "oidc_denied")
            let failures = try await psa.events(named: "login_failed")
            #expect(failures.map(\.eventProperties) == [["reason": "oauth_invalid_token", "provider": "google"]])
        }
    }
}
