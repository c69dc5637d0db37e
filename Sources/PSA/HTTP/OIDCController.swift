import Foundation
import Hummingbird

/// `/api/auth/oidc`: sign-in with an OpenID Connect provider, and the tenant's sign-up domain.
///
/// `start` redirects the browser to the provider and gives it a short-lived, HTTP-only cookie; `callback` answers
/// like `POST /api/auth/login` (a session, or a two-factor challenge) only for the browser holding that cookie,
/// so a callback link made by someone else cannot sign a victim into the attacker's account.
struct OIDCController {
    let oidc: OIDCService

    static let cookieName = "psa_oidc"
    static let cookiePath = "/api/auth/oidc"

    func addRoutes(to router: Router<PSARequestContext>) {
        router.get("/api/auth/oidc/settings", use: settings)
        router.put("/api/auth/oidc/settings", use: updateSettings)
        router.get("/api/auth/oidc/{provider}/start", use: start)
        router.get("/api/auth/oidc/{provider}/callback", use: callback)
    }

    @Sendable func start(_ request: Request, context: PSARequestContext) async throws -> Response {
        let provider = try Self.provider(in: context)
        let tenant = try request.uri.queryParameters["tenant"].map {
            try FieldRules.identifier(String($0), field: "tenant")
        }
        let started = try await oidc.start(provider, signupTenantID: tenant, address: context.clientAddress)
        var response = Response(
            status: .found, headers: [.location: started.authorizationURL, .cacheControl: "no-store"])
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: started.browserBinding,
                maxAge: Int(oidc.configuration.authorizationLifetime), path: Self.cookiePath,
                secure: Self.isSecure(oidc.configuration.clients[provider]?.redirectURI), httpOnly: true, sameSite: .lax
            ))
        return response
    }

    @Sendable func callback(_ request: Request, context: PSARequestContext) async throws -> Response {
        let provider = try Self.provider(in: context)
        let query = request.uri.queryParameters
        let parameter = { (name: String) -> String? in
            query[Substring(name)].map(String.init).flatMap { $0.utf8.count <= 4_096 ? $0 : nil }
        }
        let received = OIDCService.Callback(
            code: parameter("code"), state: parameter("state"), error: parameter("error"),
            browserBinding: request.cookies[Self.cookieName]?.value)
        var response: Response
        switch try await oidc.complete(provider, received, address: context.clientAddress, at: context.now) {
        case .session(let session):
            response = try AuthController.LoggedIn(session).response(from: request, context: context)
        case .secondFactorRequired(let challenge, let expiresAt):
            response = try AuthController.SecondFactorRequired(challenge: challenge, expiresAt: expiresAt)
                .response(from: request, context: context)
        }
        response.headers[.cacheControl] = "no-store"
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: "", maxAge: 0, path: Self.cookiePath,
                secure: Self.isSecure(oidc.configuration.clients[provider]?.redirectURI), httpOnly: true, sameSite: .lax
            ))
        return response
    }

    struct Settings: ResponseEncodable, JSONBody {
        var signupDomain: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case signupDomain = "signup_domain"
        }

        init(signupDomain: String?) {
            self.signupDomain = signupDomain
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.contains(.signupDomain) else {
                throw RequestError.invalid("invalid_field", "'signup_domain' is required.")
            }
            signupDomain = try container.decodeIfPresent(String.self, forKey: .signupDomain)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(signupDomain, forKey: .signupDomain)
        }
    }

    @Sendable func settings(_ request: Request, context: PSARequestContext) async throws -> Settings {
        Settings(signupDomain: try await oidc.signupDomain(by: try context.requirePrincipal()))
    }

    @Sendable func updateSettings(_ request: Request, context: PSARequestContext) async throws -> Settings {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: Settings.self, context: context)
        let domain = try body.signupDomain.map(Self.domain)
        try await oidc.setSignupDomain(domain, by: principal)
        return Settings(signupDomain: domain)
    }

    /// A domain name as the part after '@' of a valid email address, lowercased.
    static func domain(_ value: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains("@"), trimmed.utf8.count <= 253,
            let email = try? FieldRules.email("user@" + trimmed)
        else { throw RequestError.invalid("invalid_field", "'signup_domain' is not a valid domain name.") }
        return String(email.dropFirst("user@".count))
    }

    private static func provider(in context: PSARequestContext) throws -> OIDCProvider {
        guard let name = context.parameters.get("provider"), let provider = OIDCProvider(rawValue: name) else {
            throw RequestError.unknownOIDCProvider
        }
        return provider
    }

    private static func isSecure(_ redirectURI: String?) -> Bool {
        redirectURI?.lowercased().hasPrefix("https://") ?? true
    }
}
