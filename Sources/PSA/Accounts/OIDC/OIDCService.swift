import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import UsageAnalytics

/// OpenID Connect sign-in: the authorization-code flow with PKCE (S256), `state` and `nonce`, the code exchanged
/// at the provider's token endpoint and the ID token verified against its JWKS before a session is issued.
///
/// Each started sign-in is stored (hashed `state`, `nonce`, PKCE verifier, a hash of a value only the starting
/// browser holds) to be spent by exactly one callback before it expires.
public struct OIDCService: Sendable {
    let configuration: OIDCConfiguration
    let database: any SQLDatabase
    let auth: AuthService
    let analytics: AnalyticsClient
    let transport: ProviderTransport
    let documents: [OIDCProvider: ProviderDocuments]
    let startThrottle: LoginThrottle
    let now: @Sendable () -> Date
    let logger: Logger

    init(
        configuration: OIDCConfiguration, database: any SQLDatabase, auth: AuthService, analytics: AnalyticsClient,
        http: HTTPClient, logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.configuration = configuration
        self.database = database
        self.auth = auth
        self.analytics = analytics
        let transport = ProviderTransport(http: http, timeout: configuration.requestTimeout)
        self.transport = transport
        self.documents = configuration.clients.mapValues { client in
            ProviderDocuments(
                client: client, transport: transport, settings: configuration, logger: logger,
                now: now)
        }
        var limits = LoginThrottle.Limits()
        limits.failuresPerAddress = configuration.unfinishedStartsPerAddress
        limits.window = configuration.authorizationLifetime
        limits.lockout = configuration.authorizationLifetime
        self.startThrottle = LoginThrottle(limits: limits, now: now)
        self.now = now
        self.logger = logger
    }

    /// Where to send the browser, and the value it must bring back (a cookie) to finish the sign-in.
    public struct Start: Sendable {
        /// The provider's authorization endpoint with the request's parameters: the `Location` of the redirect.
        public var authorizationURL: String
        /// A random value for the browser's cookie; only its hash is stored.
        public var browserBinding: String
        /// When the started sign-in can no longer be finished.
        public var expiresAt: Date
    }

    /// Starts a sign-in with `provider` for the client at `address`; `signupTenantID` names the tenant a new
    /// account may be created in. Too many unfinished starts from one address answer 429.
    public func start(_ provider: OIDCProvider, signupTenantID: String?, address: String?) async throws -> Start {
        guard let client = configuration.clients[provider], let documents = documents[provider] else {
            throw RequestError.unknownOIDCProvider
        }
        if let retryAfter = startThrottle.admit(email: nil, address: address) {
            throw RequestError.throttled(retryAfterSeconds: retryAfter)
        }
        if let signupTenantID {
            guard try await !database.query("SELECT id FROM tenants WHERE id = \(signupTenantID)").isEmpty else {
                throw RequestError.notFound("tenant")
            }
        }
        let metadata: ProviderMetadata
        do {
            metadata = try await documents.providerMetadata()
        } catch {
            throw OIDCFailure.providerUnavailable.requestError
        }
        let state = SessionToken.generate()
        let nonce = SessionToken.generate()
        let verifier = SessionToken.generate()
        let browser = SessionToken.generate()
        let expiresAt = now().addingTimeInterval(configuration.authorizationLifetime)
        let authorization = OIDCStore.Authorization(
            provider: provider, browserHash: browser.hash, nonce: nonce.value, codeVerifier: verifier.value,
            tenantID: signupTenantID)
        try await database.transaction { [now] session in
            try await OIDCStore().insert(
                authorization, stateHash: state.hash, expiresAt: expiresAt, now: now(), in: session)
        }
        let query = [
            ("response_type", "code"), ("client_id", client.clientID), ("redirect_uri", client.redirectURI),
            ("scope", "openid email profile"), ("state", state.value), ("nonce", nonce.value),
            ("code_challenge", Self.codeChallenge(for: verifier.value)), ("code_challenge_method", "S256"),
        ].map { ProviderTransport.formEncoded($0) + "=" + ProviderTransport.formEncoded($1) }.joined(separator: "&")
        let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
        return Start(
            authorizationURL: metadata.authorizationEndpoint + separator + query, browserBinding: browser.value,
            expiresAt: expiresAt)
    }

    /// What the provider sent the browser back with.
    public struct Callback: Sendable {
        /// The authorization code, to exchange at the token endpoint.
        public var code: String?
        /// The `state` the sign-in started with.
        public var state: String?
        /// The provider's `error` parameter, when the user declined or the provider failed.
        public var error: String?
        /// The cookie the starting browser was given.
        public var browserBinding: String?
    }

    /// Finishes a sign-in from the client at `address`: spends the `state`, exchanges the code, verifies the ID
    /// token and signs the user in.
    public func complete(_ provider: OIDCProvider, _ callback: Callback, address: String?, at time: Date) async throws
        -> AuthService.SignIn
    {
        guard let client = configuration.clients[provider], let documents = documents[provider] else {
            throw RequestError.unknownOIDCProvider
        }
        do {
            let authorization = try await spend(callback, provider: provider)
            guard callback.error == nil, let code = callback.code, (1...4_096).contains(code.utf8.count) else {
                throw OIDCFailure.denied
            }
            let idToken = try await exchange(
                code, verifier: authorization.codeVerifier, documents: documents, client: client)
            let verifier = IDTokenVerifier(
                client: client, documents: documents, clockSkew: configuration.clockSkew,
                maximumAge: configuration.authorizationLifetime)
            let identity: VerifiedIdentity
            do {
                identity = try await verifier.verify(idToken, nonce: authorization.nonce, at: now())
            } catch {
                // The do block throws IDTokenRejection only.
                logger.notice("ID token refused", metadata: ["provider": "\(provider.rawValue)", "reason": "\(error)"])
                throw error == .emailUnverified ? OIDCFailure.emailUnverified : .invalidToken
            }
            startThrottle.succeeded(email: nil, address: address)
            return try await auth.signIn(
                as: identity, provider: provider, signupTenantID: authorization.tenantID, at: time)
        } catch let failure as OIDCFailure {
            analytics.capture(
                LoginFailed(reason: .oauthInvalidToken, provider: provider.analyticsProvider, hasTwoFactor: nil),
                actor: nil, at: time)
            throw failure.requestError
        }
    }

    private func spend(_ callback: Callback, provider: OIDCProvider) async throws -> OIDCStore.Authorization {
        guard let state = callback.state.flatMap({ SessionToken(received: Substring($0)) }),
            let authorization = try await database.transaction({ [now] session in
                try await OIDCStore().spend(stateHash: state.hash, provider: provider, at: now(), in: session)
            }),
            let browser = callback.browserBinding.flatMap({ SessionToken(received: Substring($0)) }),
            browser.hash == authorization.browserHash
        else { throw OIDCFailure.invalidState }
        return authorization
    }

    /// The ID token the token endpoint gives for `code`.
    private func exchange(
        _ code: String, verifier: String, documents: ProviderDocuments, client: OIDCConfiguration.Client
    ) async throws -> String {
        let response: ProviderTransport.Document
        do {
            let endpoint = try await documents.providerMetadata().tokenEndpoint
            response = try await transport.postForm(
                endpoint,
                fields: [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", client.redirectURI),
                    ("client_id", client.clientID), ("client_secret", client.clientSecret), ("code_verifier", verifier),
                ], limit: 64 * 1_024)
        } catch ProviderDocumentError.unreachable(let status) where (400..<500).contains(status) {
            throw OIDCFailure.invalidToken
        } catch ProviderDocumentError.tooLarge {
            throw OIDCFailure.invalidToken
        } catch {
            logger.warning(
                "OpenID token endpoint failed", metadata: ["issuer": "\(client.issuer)", "error": "\(error)"])
            throw OIDCFailure.providerUnavailable
        }
        guard let token = try? JSONDecoder().decode(TokenResponse.self, from: response.body) else {
            throw OIDCFailure.invalidToken
        }
        return token.idToken
    }

    private struct TokenResponse: Decodable {
        var idToken: String

        enum CodingKeys: String, CodingKey {
            case idToken = "id_token"
        }
    }

    /// RFC 7636's S256 challenge: base64url(SHA-256(verifier)).
    static func codeChallenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncodedString()
    }
}
