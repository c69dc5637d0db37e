import Foundation

extension AuthService {
    /// The caller's live sessions, newest first.
    public func sessions(of principal: Principal) async throws -> [SessionInfo] {
        try await AccountStore().sessions(userID: principal.userID, at: now(), in: database)
    }

    /// Revokes one of the caller's sessions; 404 for an id that is not a live session of theirs.
    public func revokeSession(id: String, by principal: Principal) async throws {
        let revoked = try await database.transaction { [now] session in
            try await AccountStore().revokeSession(id: id, userID: principal.userID, at: now(), in: session)
        }
        guard revoked else { throw RequestError.notFound("session") }
    }

    /// Changes the caller's password after checking the current one, and ends their other sessions.
    ///
    /// A wrong current password counts against the account and the address like a failed sign-in.
    public func changePassword(current: String, new: String, by principal: Principal, address: String?) async throws {
        let store = AccountStore()
        guard let user = try await store.user(id: principal.userID, tenantID: principal.tenantID, in: database),
            let account = try await store.credentials(email: user.email, in: database)
        else { throw RequestError.invalidToken }
        if let retryAfter = throttle.admit(email: user.email, address: address) {
            throw RequestError.throttled(retryAfterSeconds: retryAfter)
        }
        guard try await hasher.verify(current, against: account.hash), !current.utf8.contains(0) else {
            throw RequestError(
                status: .forbidden, type: "authentication_error", code: "invalid_password",
                detail: "The current password is incorrect.")
        }
        throttle.succeeded(email: user.email, address: address)
        let hash = try await hasher.hash(new)
        try await database.transaction { [now] session in
            try await store.setPasswordHash(hash, userID: user.id, in: session)
            try await store.revokeOtherSessions(
                userID: user.id, keeping: principal.sessionTokenHash, at: now(), in: session)
        }
    }
}
