import Foundation

/// Why a callback did not yield a verified identity. Each is answered with its ``requestError`` and counted as
/// `login_failed` with reason `oauth_invalid_token`: the provider's answer was not one to sign anyone in with.
enum OIDCFailure: Error, Equatable {
    /// The `state` is unknown, expired, used, another provider's, or not this browser's.
    case invalidState
    /// The user declined, or the provider reported an error instead of a code.
    case denied
    /// The token endpoint refused the code, or the ID token failed verification.
    case invalidToken
    /// The ID token is valid but its email is not verified.
    case emailUnverified
    /// The provider could not be reached or answered with something unusable.
    case providerUnavailable

    var requestError: RequestError {
        switch self {
        case .invalidState:
            Self.unauthorized(
                "oidc_invalid_state", "This sign-in is invalid, expired or already used; start the sign-in again.")
        case .denied: Self.unauthorized("oidc_denied", "The identity provider did not sign you in.")
        case .invalidToken:
            Self.unauthorized(
                "oidc_invalid_token", "The identity provider's answer could not be verified; start the sign-in again.")
        case .emailUnverified:
            Self.unauthorized("oidc_email_unverified", "The identity provider has not verified your email address.")
        case .providerUnavailable:
            RequestError(
                status: .badGateway, type: "unavailable", code: "oidc_provider_unavailable",
                detail: "The identity provider cannot be reached; try again later.")
        }
    }

    private static func unauthorized(_ code: String, _ detail: String) -> RequestError {
        RequestError.unauthenticated(code, detail)
    }
}

extension RequestError {
    /// A 403 for a verified identity whose account is deactivated.
    static let inactiveOIDCAccount = RequestError(
        status: .forbidden, type: "permission_denied", code: "account_inactive",
        detail: "Your account is deactivated; ask your administrator.")

    /// A 403 for a verified identity without an account, where the tenant does not let it create one.
    static let noOIDCAccount = RequestError(
        status: .forbidden, type: "permission_denied", code: "no_account",
        detail: "No account uses this email address; ask your administrator for an invitation.")

    /// A 404 for a provider that is not configured.
    static let unknownOIDCProvider = RequestError(
        status: .notFound, type: "not_found", code: "unknown_provider",
        detail: "This sign-in provider is not configured.")
}
