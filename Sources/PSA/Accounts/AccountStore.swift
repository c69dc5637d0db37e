import Foundation

/// The SQL of tenants, users and sessions, written once for both engines.
struct AccountStore: Sendable {
    func insertTenant(id: String, name: String, at now: Date, in session: any SQLSession) async throws {
        try await session.query(
            "INSERT INTO tenants (id, name, next_ticket_number, created_at) VALUES (\(id), \(name), 1, \(now))")
        try await session.query(
            """
            INSERT INTO boards (id, tenant_id, name, is_default, created_at)
            VALUES (\(UUIDText.make()), \(id), 'Service Desk', 1, \(now))
            """)
    }

    func insert(_ user: User, passwordHash: String, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO users (id, tenant_id, email, name, password_hash, role, client_id, active,
                two_factor_enabled, created_at)
            VALUES (\(user.id), \(user.tenantID), \(user.email), \(user.name), \(passwordHash), \(user.role.rawValue),
                \(user.clientID), \(user.isActive), \(user.hasTwoFactor), \(user.createdAt))
            """)
    }

    /// The user with `email` and their password hash.
    func credentials(email: String, in session: any SQLSession) async throws -> (user: User, hash: String)? {
        let rows = try await session.query(
            "SELECT \(raw: User.columns), password_hash FROM users WHERE email = \(email)")
        guard let row = rows.first else { return nil }
        return (try User(row: row), try row.string("password_hash"))
    }

    func user(id: String, tenantID: String, in session: any SQLSession) async throws -> User? {
        try await session.query(
            "SELECT \(raw: User.columns) FROM users WHERE id = \(id) AND tenant_id = \(tenantID)"
        ).first.map(User.init(row:))
    }

    /// The user with `id`, in whichever tenant (for a sign-in challenge, which names only the user).
    func user(id: String, in session: any SQLSession) async throws -> User? {
        try await session.query("SELECT \(raw: User.columns) FROM users WHERE id = \(id)").first.map(User.init(row:))
    }

    /// The user, locked until the caller's transaction ends (see `TicketStore.lockedTicket`).
    func lockedUser(id: String, tenantID: String, in session: any SQLSession) async throws -> User? {
        try await session.query(
            "UPDATE users SET id = id WHERE id = \(id) AND tenant_id = \(tenantID) RETURNING \(raw: User.columns)"
        ).first.map(User.init(row:))
    }

    func users(tenantID: String, in session: any SQLSession) async throws -> [User] {
        try await session.query(
            "SELECT \(raw: User.columns) FROM users WHERE tenant_id = \(tenantID) ORDER BY created_at, id"
        ).map(User.init(row:))
    }

    func update(_ user: User, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE users SET name = \(user.name), role = \(user.role.rawValue), active = \(user.isActive)
            WHERE id = \(user.id) AND tenant_id = \(user.tenantID)
            """)
    }

    func setPasswordHash(_ hash: String, userID: String, in session: any SQLSession) async throws {
        try await session.query("UPDATE users SET password_hash = \(hash) WHERE id = \(userID)")
    }

    func insertSession(
        tokenHash: String, user: User, provider: String, at now: Date, expiresAt: Date, in session: any SQLSession
    ) async throws {
        try await session.query(
            """
            INSERT INTO sessions (token_hash, id, provider, user_id, tenant_id, created_at, last_used_at, expires_at)
            VALUES (\(tokenHash), \(UUIDText.make()), \(provider), \(user.id), \(user.tenantID), \(now), \(now),
                \(expiresAt))
            """)
    }

    /// The principal of a live session: not revoked, not expired, of an active user.
    func principal(tokenHash: String, at now: Date, in session: any SQLSession) async throws -> Principal? {
        let rows = try await session.query(
            """
            SELECT u.id, u.tenant_id, u.role, u.client_id, s.id AS session_id, s.last_used_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(tokenHash) AND s.revoked_at IS NULL AND s.expires_at > \(now) AND u.active = 1
            """)
        guard let row = rows.first, let role = Role(rawValue: try row.string("role")) else { return nil }
        let principal = Principal(
            userID: try row.string("id"), tenantID: try row.string("tenant_id"), role: role,
            clientID: try row.optionalString("client_id"), sessionID: try row.string("session_id"),
            sessionTokenHash: tokenHash)
        // "Last used" is kept to the minute, so that reading does not mean a write on every request.
        if try row.optionalDate("last_used_at").map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await session.query("UPDATE sessions SET last_used_at = \(now) WHERE token_hash = \(tokenHash)")
        }
        return principal
    }

    /// The user's live sessions, newest first.
    func sessions(userID: String, at now: Date, in session: any SQLSession) async throws -> [SessionInfo] {
        try await session.query(
            """
            SELECT id, provider, created_at, last_used_at, expires_at FROM sessions
            WHERE user_id = \(userID) AND revoked_at IS NULL AND expires_at > \(now)
            ORDER BY created_at DESC, id
            """
        ).map(SessionInfo.init(row:))
    }

    /// Revokes the user's session `id`; returns whether it was live.
    func revokeSession(id: String, userID: String, at now: Date, in session: any SQLSession) async throws -> Bool {
        try await !session.query(
            """
            UPDATE sessions SET revoked_at = \(now)
            WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL RETURNING id
            """
        ).isEmpty
    }

    /// Revokes every session of the user but `keeping`.
    func revokeOtherSessions(userID: String, keeping tokenHash: String, at now: Date, in session: any SQLSession)
        async throws
    {
        try await session.query(
            """
            UPDATE sessions SET revoked_at = \(now)
            WHERE user_id = \(userID) AND revoked_at IS NULL AND token_hash <> \(tokenHash)
            """)
    }

    /// Revokes the session; returns whether it was live.
    func revokeSession(tokenHash: String, at now: Date, in session: any SQLSession) async throws -> Bool {
        let rows = try await session.query(
            """
            UPDATE sessions SET revoked_at = \(now) WHERE token_hash = \(tokenHash) AND revoked_at IS NULL
            RETURNING token_hash
            """)
        return !rows.isEmpty
    }

    /// Revokes every session of a user (when deactivated).
    func revokeSessions(userID: String, at now: Date, in session: any SQLSession) async throws {
        try await session.query(
            "UPDATE sessions SET revoked_at = \(now) WHERE user_id = \(userID) AND revoked_at IS NULL")
    }
}
