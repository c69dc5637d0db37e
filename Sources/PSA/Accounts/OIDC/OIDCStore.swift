import Foundation

/// The SQL of OpenID Connect sign-in: started authorizations, linked identities and the tenant's sign-up domain.
struct OIDCStore: Sendable {
    /// A started sign-in, as the callback finds it.
    struct Authorization: Sendable {
        var provider: OIDCProvider
        var browserHash: String
        var nonce: String
        var codeVerifier: String
        var tenantID: String?
    }

    /// Records a started sign-in, and forgets the expired ones so that the table stays small.
    func insert(
        _ authorization: Authorization, stateHash: String, expiresAt: Date, now: Date, in session: any SQLSession
    ) async throws {
        try await session.query("DELETE FROM oidc_authorizations WHERE expires_at <= \(now)")
        try await session.query(
            """
            INSERT INTO oidc_authorizations (state_hash, provider, browser_hash, nonce, code_verifier, tenant_id,
                expires_at)
            VALUES (\(stateHash), \(authorization.provider.rawValue), \(authorization.browserHash),
                \(authorization.nonce), \(authorization.codeVerifier), \(authorization.tenantID), \(expiresAt))
            """)
    }

    /// Spends the live authorization of `stateHash` for `provider` and returns it; nil when it is unknown,
    /// expired, already used or another provider's. Spending it first makes each `state` good for one callback.
    func spend(stateHash: String, provider: OIDCProvider, at now: Date, in session: any SQLSession) async throws
        -> Authorization?
    {
        guard
            let row = try await session.query(
                """
                UPDATE oidc_authorizations SET used_at = \(now)
                WHERE state_hash = \(stateHash) AND provider = \(provider.rawValue) AND used_at IS NULL
                    AND expires_at > \(now)
                RETURNING browser_hash, nonce, code_verifier, tenant_id
                """
            ).first
        else { return nil }
        return Authorization(
            provider: provider, browserHash: try row.string("browser_hash"), nonce: try row.string("nonce"),
            codeVerifier: try row.string("code_verifier"), tenantID: try row.optionalString("tenant_id"))
    }

    /// The user linked to the provider's `subject`.
    func linkedUserID(provider: OIDCProvider, subject: String, in session: any SQLSession) async throws -> String? {
        try await session.query(
            "SELECT user_id FROM oidc_identities WHERE provider = \(provider.rawValue) AND subject = \(subject)"
        ).first?.string("user_id")
    }

    /// The subject the user is linked to at `provider`, if any.
    func linkedSubject(provider: OIDCProvider, userID: String, in session: any SQLSession) async throws -> String? {
        try await session.query(
            "SELECT subject FROM oidc_identities WHERE provider = \(provider.rawValue) AND user_id = \(userID)"
        ).first?.string("subject")
    }

    func link(provider: OIDCProvider, subject: String, userID: String, at now: Date, in session: any SQLSession)
        async throws
    {
        try await session.query(
            """
            INSERT INTO oidc_identities (provider, subject, user_id, created_at)
            VALUES (\(provider.rawValue), \(subject), \(userID), \(now))
            """)
    }

    /// The email domain whose verified addresses may create an account in the tenant, or nil (the default: never).
    func signupDomain(tenantID: String, in session: any SQLSession) async throws -> String? {
        try await session.query("SELECT oidc_signup_domain FROM tenants WHERE id = \(tenantID)").first?
            .optionalString("oidc_signup_domain")
    }

    func setSignupDomain(_ domain: String?, tenantID: String, in session: any SQLSession) async throws {
        try await session.query("UPDATE tenants SET oidc_signup_domain = \(domain) WHERE id = \(tenantID)")
    }
}
