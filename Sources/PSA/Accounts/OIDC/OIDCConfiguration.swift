import Foundation

/// The OpenID Connect providers users may sign in with; none by default.
public struct OIDCConfiguration: Sendable {
    /// One provider's client registration.
    public struct Client: Sendable, Equatable {
        /// The issuer (`PSA_OIDC_<PROVIDER>_ISSUER`), compared exactly with the discovery document's and the ID
        /// token's `iss`.
        public var issuer: String
        /// The client id registered at the provider (`PSA_OIDC_<PROVIDER>_CLIENT_ID`); ID tokens must name it in
        /// `aud`.
        public var clientID: String
        /// The client secret (`PSA_OIDC_<PROVIDER>_CLIENT_SECRET`), sent only to the token endpoint.
        public var clientSecret: String
        /// Where the provider sends the browser back (`PSA_OIDC_<PROVIDER>_REDIRECT_URI`): this service's
        /// `/api/auth/oidc/<provider>/callback`, exactly as registered at the provider.
        public var redirectURI: String
        /// The JWKS URL (`PSA_OIDC_<PROVIDER>_JWKS_URL`); nil to use the discovery document's `jwks_uri`.
        public var jwksURL: String?

        /// A client registration.
        public init(issuer: String, clientID: String, clientSecret: String, redirectURI: String, jwksURL: String? = nil)
        {
            self.issuer = issuer
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.redirectURI = redirectURI
            self.jwksURL = jwksURL
        }

        /// `<issuer>/.well-known/openid-configuration`.
        var discoveryURL: String {
            (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
        }
    }

    /// The configured providers; a provider absent here answers 404 on its routes.
    public var clients: [OIDCProvider: Client] = [:]
    /// How long a started sign-in (its `state`, `nonce` and PKCE verifier) waits for the callback.
    public var authorizationLifetime: TimeInterval = 10 * 60
    /// The shortest time between two fetches of a provider's JWKS or discovery document, so that tokens naming
    /// unknown keys cannot make the PSA hammer the provider.
    public var minimumRefreshInterval: TimeInterval = 60
    /// How long a document without caching headers is kept.
    public var defaultCacheLifetime: TimeInterval = 5 * 60
    /// Allowed difference between this server's clock and the provider's, for `exp` and `iat`.
    public var clockSkew: TimeInterval = 60
    /// How long one request to a provider may take, connection attempts included.
    public var requestTimeout: TimeInterval = 10
    /// Sign-ins one client address may start within ``authorizationLifetime`` and not finish, before it waits as
    /// long: each start stores a row, so an unauthenticated flood must not grow the table without bound.
    public var unfinishedStartsPerAddress = 30

    /// No provider.
    public init() {}
}
