import Foundation
import UsageAnalytics

extension OIDCConfiguration {
    /// Reads `PSA_OIDC_<PROVIDER>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`, `_REDIRECT_URI` and `_JWKS_URL` for
    /// `GOOGLE` and `KEYCLOAK`. A provider is on when its client id is set; then its secret and redirect URI
    /// are required (and a Keycloak issuer), and any of its variables without a client id is an error, so that
    /// a half-configured provider is never silently off.
    /// - Throws: ``ConfigurationError`` naming the first malformed or missing variable.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        let reader = EnvironmentReader(environment)
        for provider in OIDCProvider.allCases {
            let prefix = provider.environmentPrefix
            let names = ["ISSUER", "CLIENT_ID", "CLIENT_SECRET", "REDIRECT_URI", "JWKS_URL"].map { prefix + $0 }
            let present = names.filter { !(environment[$0]?.allSatisfy(\.isWhitespace) ?? true) }
            guard let clientID = try reader.token(prefix + "CLIENT_ID", secret: false) else {
                if let stray = present.first {
                    throw ConfigurationError(
                        variable: prefix + "CLIENT_ID", expected: "a client id when \(stray) is set", value: nil)
                }
                continue
            }
            guard let issuer = try Self.url(prefix + "ISSUER", in: environment) ?? provider.defaultIssuer else {
                throw Self.missing(prefix + "ISSUER", expected: "the realm's issuer URL")
            }
            guard let secret = try reader.token(prefix + "CLIENT_SECRET", secret: true) else {
                throw Self.missing(prefix + "CLIENT_SECRET", expected: "the client secret")
            }
            guard let redirectURI = try Self.url(prefix + "REDIRECT_URI", in: environment) else {
                throw Self.missing(prefix + "REDIRECT_URI", expected: "this service's callback URL")
            }
            clients[provider] = Client(
                issuer: issuer, clientID: clientID, clientSecret: secret, redirectURI: redirectURI,
                jwksURL: try Self.url(prefix + "JWKS_URL", in: environment))
        }
    }

    private static func missing(_ variable: String, expected: String) -> ConfigurationError {
        ConfigurationError(variable: variable, expected: expected + " (the provider's client id is set)", value: nil)
    }

    /// An `https://` URL with a host and no user, query or fragment (`http://` only on a loopback host), kept
    /// exactly as written: issuers and redirect URIs are compared byte for byte by providers.
    static func url(_ name: String, in environment: [String: String]) throws(ConfigurationError) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard isAcceptableURL(value) else {
            throw ConfigurationError(
                variable: name,
                expected: "an https:// URL with a host and no query, user or fragment (http:// only on localhost)",
                value: value)
        }
        return value
    }

    /// Whether `value` is an endpoint the PSA may talk to or send browsers to (see ``url(_:in:)``).
    static func isAcceptableURL(_ value: String) -> Bool {
        guard value.utf8.count <= 2_048, value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }),
            let components = URLComponents(string: value), let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil, components.query == nil, components.fragment == nil
        else { return false }
        switch components.scheme?.lowercased() {
        case "https": return true
        case "http": return ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
        default: return false
        }
    }
}
