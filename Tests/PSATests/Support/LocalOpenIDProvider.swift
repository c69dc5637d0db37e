import Crypto
import CryptoExtras
import Foundation
import Hummingbird
import JWTKit
import Logging
import PSA
import Synchronization

/// An OpenID provider on loopback for tests: a discovery document, a JWKS (with the `Cache-Control` a test sets,
/// counting its fetches), and a token endpoint that checks the client, the redirect URI and the PKCE verifier
/// before giving out the ID token the test had it sign.
final class LocalOpenIDProvider: Sendable {
    private let port = Mutex(0)
    /// `http://127.0.0.1:<port>`.
    var issuer: String { "http://127.0.0.1:\(port.withLock { $0 })" }
    static let clientID = "psa-test-client"
    static let clientSecret = "test-client-secret"

    /// A pending authorization: the code's ID token and what the token request must match.
    private struct Grant {
        var idToken: String
        var codeChallenge: String
        var redirectURI: String
    }

    private struct State {
        var signingKeys: [String: ES256PrivateKey] = [:]
        var rsaKeys: [String: JWTKit.Insecure.RSA.PrivateKey] = [:]
        var undeclaredAlgorithms: Set<String> = []
        var publishedKIDs: [String] = []
        var jwksCacheControl: String? = "public, max-age=3600"
        var jwksFetches = 0
        var discoveryFetches = 0
        var discoveryFails = false
        var grants: [String: Grant] = [:]
        var tokenRequests = 0
    }

    private let state = Mutex(State())

    private init() {
        addKey("key-1", published: true)
    }

    /// Runs a provider until `body` returns.
    static func run<Result: Sendable>(_ body: @Sendable (LocalOpenIDProvider) async throws -> Result) async throws
        -> Result
    {
        let provider = LocalOpenIDProvider()
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ in provider.discovery() }
        router.get("/jwks") { _, _ in provider.jwks() }
        router.post("/token") { request, _ in try await provider.token(request) }
        return try await LoopbackServer.run(router, label: "local-openid-provider") { port in
            provider.port.withLock { $0 = port }
            return try await body(provider)
        }
    }

    /// The PSA's registration of this provider.
    func client(redirectURI: String = "http://localhost:8080/api/auth/oidc/google/callback") -> OIDCConfiguration.Client
    {
        OIDCConfiguration.Client(
            issuer: issuer, clientID: Self.clientID, clientSecret: Self.clientSecret, redirectURI: redirectURI)
    }

    /// Creates a signing key; a published one appears in the JWKS, with its `alg` unless `declaresAlgorithm` is
    /// false (the verifier then takes the token's).
    func addKey(_ kid: String, published: Bool, declaresAlgorithm: Bool = true) {
        state.withLock { state in
            state.signingKeys[kid] = ES256PrivateKey()
            if published { state.publishedKIDs.append(kid) }
            if !declaresAlgorithm { state.undeclaredAlgorithms.insert(kid) }
        }
    }

    /// Creates and publishes a 2048-bit RS256 key, the kind Google and Keycloak sign with by default.
    func addRSAKey(_ kid: String) throws {
        let key = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        state.withLock { state in
            state.rsaKeys[kid] = key
            state.publishedKIDs.append(kid)
        }
    }

    func setJWKSCacheControl(_ value: String?) {
        state.withLock { $0.jwksCacheControl = value }
    }

    /// Makes the discovery document answer 503 (or work again).
    func setDiscoveryFails(_ fails: Bool) {
        state.withLock { $0.discoveryFails = fails }
    }

    /// How many times the discovery document was fetched.
    var discoveryFetches: Int { state.withLock { $0.discoveryFetches } }

    /// How many times the JWKS was fetched.
    var jwksFetches: Int { state.withLock { $0.jwksFetches } }

    /// How many token requests arrived.
    var tokenRequests: Int { state.withLock { $0.tokenRequests } }

    /// The public JWK of a key, as JSON.
    func publicJWK(_ kid: String) -> String {
        if let rsa = state.withLock({ $0.rsaKeys[kid] }) {
            let (modulus, exponent) = try! rsa.publicKey.getKeyPrimitives()
            return #"{"kty":"RSA","use":"sig","alg":"RS256","kid":"\#(kid)","n":"\#(Self.base64URL(modulus))","#
                + #""e":"\#(Self.base64URL(exponent))"}"#
        }
        let (parameters, declares) = state.withLock {
            ($0.signingKeys[kid]!.publicKey.parameters!, !$0.undeclaredAlgorithms.contains(kid))
        }
        let algorithm = declares ? #""alg":"ES256","# : ""
        return #"{"kty":"EC","crv":"P-256","use":"sig",\#(algorithm)"kid":"\#(kid)","x":"\#(parameters.x)","#
            + #""y":"\#(parameters.y)"}"#
    }

    /// Signs `claims` with the key `kid` (whatever the header says when `headerKID` differs).
    func sign(_ claims: TestIDToken, kid: String = "key-1", headerKID: String? = nil) async throws -> String {
        let keys = JWTKeyCollection()
        if let rsa = state.withLock({ $0.rsaKeys[kid] }) {
            await keys.add(rsa: rsa, digestAlgorithm: .sha256, kid: JWKIdentifier(string: headerKID ?? kid))
        } else {
            await keys.add(ecdsa: state.withLock { $0.signingKeys[kid]! }, kid: JWKIdentifier(string: headerKID ?? kid))
        }
        return try await keys.sign(claims, kid: JWKIdentifier(string: headerKID ?? kid))
    }

    /// Plays the user consenting at the authorization endpoint: reads the PSA's redirect, registers a code whose
    /// ID token `makeToken` builds from the request's nonce, and returns the callback's path and query.
    func authorize(
        _ authorizationURL: String, callbackPath: String, makeToken: (_ nonce: String) async throws -> String
    ) async throws -> String {
        let components = URLComponents(string: authorizationURL)!
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        let idToken = try await makeToken(query["nonce"] ?? "")
        let code = UUID().uuidString
        state.withLock {
            $0.grants[code] = Grant(
                idToken: idToken, codeChallenge: query["code_challenge"] ?? "", redirectURI: query["redirect_uri"] ?? ""
            )
        }
        let encodedState = query["state"]?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return callbackPath + "?code=\(code)&state=\(encodedState)"
    }

    private func discovery() -> Response {
        let fails = state.withLock { state in
            state.discoveryFetches += 1
            return state.discoveryFails
        }
        if fails { return Response(status: .serviceUnavailable) }
        return json(
            #"""
            {"issuer":"\#(issuer)","authorization_endpoint":"\#(issuer)/authorize","token_endpoint":"\#(issuer)/token",
            "jwks_uri":"\#(issuer)/jwks","code_challenge_methods_supported":["S256"],"response_types_supported":["code"]}
            """#)
    }

    private func jwks() -> Response {
        let (kids, cacheControl) = state.withLock { state in
            state.jwksFetches += 1
            return (state.publishedKIDs, state.jwksCacheControl)
        }
        // A symmetric key and an encryption key, as Keycloak publishes, which must be skipped.
        let others = [
            #"{"kty":"oct","kid":"symmetric","k":"c2VjcmV0"}"#,
            #"{"kty":"EC","crv":"P-256","use":"enc","kid":"encryption","x":"AA","y":"AA"}"#,
        ]
        var response = json(#"{"keys":["# + (kids.map(publicJWK) + others).joined(separator: ",") + "]}")
        if let cacheControl { response.headers[.cacheControl] = cacheControl }
        return response
    }

    private func token(_ request: Request) async throws -> Response {
        let body = String(buffer: try await request.body.collect(upTo: 64 * 1_024))
        var form: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        let grant = state.withLock { state -> Grant? in
            state.tokenRequests += 1
            return form["code"].flatMap { state.grants.removeValue(forKey: $0) }
        }
        let challenge = Data(SHA256.hash(data: Data((form["code_verifier"] ?? "").utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        guard let grant, form["grant_type"] == "authorization_code", form["client_id"] == Self.clientID,
            form["client_secret"] == Self.clientSecret, form["redirect_uri"] == grant.redirectURI,
            challenge == grant.codeChallenge
        else {
            var response = json(#"{"error":"invalid_grant"}"#)
            response.status = .badRequest
            return response
        }
        return json(#"{"access_token":"opaque","token_type":"Bearer","expires_in":300,"id_token":"\#(grant.idToken)"}"#)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private func json(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The ID token claims the local provider signs; every field can be made wrong by a test.
struct TestIDToken: JWTPayload {
    var iss: String
    var sub: String
    var aud: String
    var exp: Int
    var iat: Int
    var nonce: String?
    var email: String?
    var emailVerified: Bool?
    var padding: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, email, padding
        case emailVerified = "email_verified"
    }

    /// A valid token for `email` at `now`.
    init(issuer: String, email: String, nonce: String, at now: Date, subject: String? = nil) {
        iss = issuer
        sub = subject ?? "subject-" + email
        aud = LocalOpenIDProvider.clientID
        exp = Int(now.timeIntervalSince1970) + 300
        iat = Int(now.timeIntervalSince1970)
        self.nonce = nonce
        self.email = email
        emailVerified = true
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
