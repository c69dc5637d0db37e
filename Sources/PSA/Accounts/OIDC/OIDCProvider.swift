import UsageAnalytics

/// An OpenID Connect provider the PSA can sign users in with.
public enum OIDCProvider: String, CaseIterable, Sendable, Codable {
    /// Google accounts (issuer `https://accounts.google.com`).
    case google
    /// A Keycloak realm (issuer `https://<host>/realms/<realm>`).
    case keycloak

    /// The provider as analytics events name it.
    var analyticsProvider: AuthenticationProvider {
        switch self {
        case .google: .google
        case .keycloak: .keycloak
        }
    }

    /// The prefix of the provider's environment variables, such as `PSA_OIDC_GOOGLE_`.
    var environmentPrefix: String { "PSA_OIDC_" + rawValue.uppercased() + "_" }

    /// The issuer used when none is configured: Google's is fixed, a Keycloak realm's must be given.
    var defaultIssuer: String? {
        self == .google ? "https://accounts.google.com" : nil
    }
}
