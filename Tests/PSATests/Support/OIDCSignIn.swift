import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// One sign-in through the local provider: the callback's response, and what a replay would send again.
struct OIDCAttempt {
    let response: APIResponse
    let callbackPath: String
    let cookie: String
}

extension TestClientProtocol {
    /// Starts a sign-in with `providerName`, lets the local provider answer with the token `makeToken` builds
    /// from the PSA's nonce, and follows the callback with the cookie `start` set.
    func signIn(
        with provider: LocalOpenIDProvider, as providerName: String = "google", tenant: String? = nil,
        makeToken: (_ nonce: String) async throws -> String
    ) async throws -> OIDCAttempt {
        let start = try await call(
            .get, "/api/auth/oidc/\(providerName)/start" + (tenant.map { "?tenant=\($0)" } ?? ""))
        #expect(start.status == .found, "\(start.text)")
        let location = try #require(start.headers[.location])
        let setCookie = try #require(start.headers[.setCookie])
        let cookie = String(setCookie.prefix { $0 != ";" })
        let path = try await provider.authorize(
            location, callbackPath: "/api/auth/oidc/\(providerName)/callback", makeToken: makeToken)
        let response = try await call(.get, path, headers: [.cookie: cookie])
        return OIDCAttempt(response: response, callbackPath: path, cookie: cookie)
    }

    /// Signs in with a valid token for `email` and returns the callback's response.
    func signIn(
        with provider: LocalOpenIDProvider, email: String, as providerName: String = "google", tenant: String? = nil,
        at now: Date
    ) async throws -> APIResponse {
        try await signIn(with: provider, as: providerName, tenant: tenant) { nonce in
            try await provider.sign(TestIDToken(issuer: provider.issuer, email: email, nonce: nonce, at: now))
        }.response
    }
}
