import Foundation
import Hummingbird

/// `/api/auth/sessions` (list and revoke the caller's sessions) and `/api/auth/password` (change it).
struct SessionController {
    let auth: AuthService

    func addRoutes(to router: Router<PSARequestContext>) {
        router.get("/api/auth/sessions", use: list)
        router.delete("/api/auth/sessions/{id}", use: revoke)
        router.post("/api/auth/password", use: changePassword)
    }

    struct SessionView: Encodable, Sendable {
        var session: SessionInfo
        var isCurrent: Bool

        enum CodingKeys: String, CodingKey {
            case id, provider, current
            case createdAt = "created_at"
            case lastUsedAt = "last_used_at"
            case expiresAt = "expires_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(session.id, forKey: .id)
            try container.encode(session.provider, forKey: .provider)
            try container.encode(isCurrent, forKey: .current)
            try container.encode(session.createdAt, forKey: .createdAt)
            try container.encode(session.lastUsedAt, forKey: .lastUsedAt)
            try container.encode(session.expiresAt, forKey: .expiresAt)
        }
    }

    @Sendable func list(_ request: Request, context: PSARequestContext) async throws -> ResultList<SessionView> {
        let principal = try context.requirePrincipal()
        let sessions = try await auth.sessions(of: principal)
        return ResultList(results: sessions.map { SessionView(session: $0, isCurrent: $0.id == principal.sessionID) })
    }

    @Sendable func revoke(_ request: Request, context: PSARequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        guard let id = context.parameters.get("id"), id.utf8.count <= 64 else { throw RequestError.notFound("session") }
        try await auth.revokeSession(id: id, by: principal)
        return .noContent
    }

    struct PasswordBody: JSONBody {
        var currentPassword: String
        var newPassword: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currentPassword = try container.decode(String.self, forKey: .currentPassword)
            newPassword = try container.decode(String.self, forKey: .newPassword)
        }
    }

    @Sendable func changePassword(_ request: Request, context: PSARequestContext) async throws
        -> HTTPResponse.Status
    {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: PasswordBody.self, context: context)
        guard body.currentPassword.utf8.count <= 1_024 else {
            throw RequestError.invalid("invalid_field", "'current_password' is too long.")
        }
        let new = try FieldRules.password(body.newPassword, field: "new_password")
        try await auth.changePassword(
            current: body.currentPassword, new: new, by: principal, address: context.clientAddress)
        return .noContent
    }
}
