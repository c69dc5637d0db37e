import Crypto
import Foundation
import HummingbirdTesting
import Testing

/// The provider's JWKS: cached as its `Cache-Control` says, refetched when a token names a new key, and never
/// fetched more than once a refresh interval however many unknown keys are named.
@Suite("OpenID Connect key rotation and JWKS caching", .timeLimit(.minutes(3)))
struct OIDCKeyRotationTests {
    static func signIn(
        _ client: some TestClientProtocol, _ provider: LocalOpenIDProvider, _ psa: TestPSA, kid: String
    ) async throws -> APIResponse {
        try await client.signIn(with: provider) { nonce in
            try await provider.sign(
                TestIDToken(issuer: provider.issuer, email: "ann@acme.test", nonce: nonce, at: psa.clock.now), kid: kid)
        }.response
    }

    @Test(arguments: Engine.available)
    func anUnknownKeyTriggersOneRefreshAndFloodsAreRateLimited(engine: Engine) async throws {
        try await OIDCSignInTests.run(on: engine) { psa, client, provider in
            _ = try await client.signUp()
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(provider.jwksFetches == 1)

            // The provider rotates to a new key: the first token naming it refreshes the set once, though the
            // cached set is still fresh (max-age 3600).
            psa.clock.advance(by: 61)
            provider.addKey("key-2", published: true, declaresAlgorithm: false)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-2").status == .ok)
            #expect(provider.jwksFetches == 2)

            // Tokens naming keys that do not exist cannot make the PSA fetch again within the interval.
            provider.addKey("made-up", published: false)
            for _ in 0..<5 {
                #expect(try await Self.signIn(client, provider, psa, kid: "made-up").status == .unauthorized)
            }
            #expect(provider.jwksFetches == 2)
            psa.clock.advance(by: 61)
            #expect(try await Self.signIn(client, provider, psa, kid: "made-up").status == .unauthorized)
            #expect(try await Self.signIn(client, provider, psa, kid: "made-up").status == .unauthorized)
            #expect(provider.jwksFetches == 3)
            let reasons = try await psa.events(named: "login_failed").map { $0.eventProperties["reason"] }
            #expect(reasons == Array(repeating: "oauth_invalid_token", count: 7))
        }
    }

    @Test(arguments: Engine.available)
    func keycloaksDefaultRS256KeysVerify(engine: Engine) async throws {
        try await OIDCSignInTests.run(on: engine) { psa, client, provider in
            let admin = try await client.signUp()
            try provider.addRSAKey("rsa-1")
            let response = try await Self.signIn(client, provider, psa, kid: "rsa-1")
            #expect(response.status == .ok, "\(response.text)")
            #expect(response["user_id"] as? String == admin.userID)
            // The same RSA key's public half, offered as an HMAC secret, is refused.
            let forged = try await client.signIn(with: provider) { nonce in
                try OIDCTokenTests.token(
                    header: #"{"alg":"HS256","kid":"rsa-1"}"#,
                    claims: TestIDToken(issuer: provider.issuer, email: admin.email, nonce: nonce, at: psa.clock.now)
                ) { input in
                    Array(
                        HMAC<SHA256>.authenticationCode(
                            for: input, using: SymmetricKey(data: Data(provider.publicJWK("rsa-1").utf8))))
                }
            }
            #expect(forged.response["code"] as? String == "oidc_invalid_token")
        }
    }

    @Test func theKeySetIsKeptAsLongAsItsMaxAge() async throws {
        try await OIDCSignInTests.run { psa, client, provider in
            _ = try await client.signUp()
            provider.setJWKSCacheControl("public, max-age=300, must-revalidate")
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            psa.clock.advance(by: 290)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(provider.jwksFetches == 1)
            psa.clock.advance(by: 20)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(provider.jwksFetches == 2)

            // no-store: fetched again on the next sign-in, but still at most once a refresh interval.
            provider.setJWKSCacheControl("no-store")
            psa.clock.advance(by: 400)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(provider.jwksFetches == 3)
            psa.clock.advance(by: 61)
            #expect(try await Self.signIn(client, provider, psa, kid: "key-1").status == .ok)
            #expect(provider.jwksFetches == 4)
        }
    }
}
