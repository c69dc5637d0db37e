import Foundation
import Hummingbird

/// `/api/auth`: sign-up, sign-in and sign-out, and `/api/me`.
struct AuthController {
    let auth: AuthService
    let twoFactor: TwoFactorService

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/auth/signup", use: signUp)
        router.post("/api/auth/login", use: logIn)
        router.post("/api/auth/logout", use: logOut)
        router.get("/api/me", use: me)
        router.post("/api/auth/login/two-factor", use: completeSignIn)
        router.post("/api/auth/two-factor/setup", use: beginEnrolment)
        router.post("/api/auth/two-factor/confirm", use: confirmEnrolment)
        router.post("/api/auth/two-factor/disable", use: disableTwoFactor)
    }

    struct SignUpBody: JSONBody {
        var company: String
        var email: String
        var password: String
        var name: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case company, email, password, name
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            company = try container.decode(String.self, forKey: .company)
            email = try container.decode(String.self, forKey: .email)
            password = try container.decode(String.self, forKey: .password)
            name = try container.decode(String.self, forKey: .name)
        }
    }

    struct SignedUp: ResponseEncodable {
        var tenantID: String
        var userID: String

        enum CodingKeys: String, CodingKey {
            case tenantID = "tenant_id"
            case userID = "user_id"
        }
    }

    @Sendable func signUp(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<SignedUp> {
        let body = try await request.decodeJSON(as: SignUpBody.self, context: context)
        let signUp = AuthService.SignUp(
            company: try FieldRules.text(body.company, field: "company", maximum: 200),
            email: try FieldRules.email(body.email), password: try FieldRules.password(body.password),
            name: try FieldRules.text(body.name, field: "name", maximum: 200))
        let user = try await auth.signUp(signUp, at: context.now)
        return EditedResponse(status: .created, response: SignedUp(tenantID: user.tenantID, userID: user.id))
    }

    struct LogInBody: JSONBody {
        var email: String
        var password: String
        /// Not used: with two-factor sign-in on, the code answers the challenge the password step returns.
        var totp: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case email, password, totp
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            email = try container.decode(String.self, forKey: .email)
            password = try container.decode(String.self, forKey: .password)
            totp = try container.decodeIfPresent(String.self, forKey: .totp)
        }
    }

    struct LoggedIn: ResponseEncodable {
        var token: String
        var expiresAt: Date
        var userID: String
        var tenantID: String
        var role: Role

        enum CodingKeys: String, CodingKey {
            case token, role
            case expiresAt = "expires_at"
            case userID = "user_id"
            case tenantID = "tenant_id"
        }

        init(_ session: AuthService.Session) {
            token = session.token
            expiresAt = session.expiresAt
            userID = session.user.id
            tenantID = session.user.tenantID
            role = session.user.role
        }
    }

    @Sendable func logIn(_ request: Request, context: PSARequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: LogInBody.self, context: context)
        // Malformed credentials are refused like wrong ones, after the same work, so the shape of an input
        // never tells an attacker more than a wrong password would.
        let email = (try? FieldRules.email(body.email)) ?? body.email.lowercased()
        guard email.utf8.count <= 254, body.password.utf8.count <= 1_024 else {
            throw RequestError.invalid("invalid_field", "'email' or 'password' is too long.")
        }
        switch try await auth.logIn(
            email: email, password: body.password, address: context.clientAddress, at: context.now)
        {
        case .session(let session):
            return try LoggedIn(session).response(from: request, context: context)
        case .secondFactorRequired(let challenge, let expiresAt):
            return try SecondFactorRequired(challenge: challenge, expiresAt: expiresAt)
                .response(from: request, context: context)
        }
    }

    struct SecondFactorRequired: ResponseEncodable {
        var twoFactorRequired = true
        var challenge: String
        var expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case challenge
            case twoFactorRequired = "two_factor_required"
            case expiresAt = "expires_at"
        }
    }

    struct ChallengeBody: JSONBody {
        var challenge: String
        var code: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case challenge, code
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            challenge = try container.decode(String.self, forKey: .challenge)
            code = try container.decode(String.self, forKey: .code)
        }
    }

    @Sendable func completeSignIn(_ request: Request, context: PSARequestContext) async throws -> LoggedIn {
        let body = try await request.decodeJSON(as: ChallengeBody.self, context: context)
        let session = try await auth.completeSignIn(
            challenge: body.challenge, code: body.code, address: context.clientAddress, at: context.now)
        return LoggedIn(session)
    }

    struct CodeBody: JSONBody {
        var code: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case code
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            code = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .code)
        }
    }

    struct Enrolment: ResponseEncodable {
        var secret: String
        var uri: String

        enum CodingKeys: String, CodingKey {
            case secret
            case uri = "otpauth_uri"
        }
    }

    @Sendable func beginEnrolment(_ request: Request, context: PSARequestContext) async throws -> Enrolment {
        let enrolment = try await twoFactor.begin(for: try context.requirePrincipal())
        return Enrolment(secret: enrolment.secret, uri: enrolment.uri)
    }

    struct RecoveryCodeList: ResponseEncodable {
        var recoveryCodes: [String]

        enum CodingKeys: String, CodingKey {
            case recoveryCodes = "recovery_codes"
        }
    }

    @Sendable func confirmEnrolment(_ request: Request, context: PSARequestContext) async throws -> RecoveryCodeList {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: CodeBody.self, context: context)
        return RecoveryCodeList(recoveryCodes: try await twoFactor.confirm(code: body.code, for: principal))
    }

    @Sendable func disableTwoFactor(_ request: Request, context: PSARequestContext) async throws
        -> HTTPResponse.Status
    {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: CodeBody.self, context: context)
        try await twoFactor.disable(code: body.code, for: principal)
        return .noContent
    }

    @Sendable func logOut(_ request: Request, context: PSARequestContext) async throws -> HTTPResponse.Status {
        try await auth.logOut(try context.requirePrincipal(), at: context.now)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: PSARequestContext) async throws -> User {
        let principal = try context.requirePrincipal()
        guard let user = try await auth.user(for: principal) else { throw RequestError.invalidToken }
        return user
    }
}
