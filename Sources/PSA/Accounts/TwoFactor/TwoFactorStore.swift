import Foundation

/// The SQL of second factors: sealed seeds, the last accepted step, recovery codes and login challenges.
struct TwoFactorStore: Sendable {
    func setPendingSeed(_ sealed: String, userID: String, in session: any SQLSession) async throws {
        try await session.query("UPDATE users SET totp_pending_seed = \(sealed) WHERE id = \(userID)")
    }

    /// The sealed seed being enrolled, and the active one.
    func seeds(userID: String, in session: any SQLSession) async throws -> (pending: String?, active: String?) {
        guard
            let row = try await session.query(
                "SELECT totp_pending_seed, totp_seed FROM users WHERE id = \(userID)"
            ).first
        else { return (nil, nil) }
        return (try row.optionalString("totp_pending_seed"), try row.optionalString("totp_seed"))
    }

    /// Turns the pending seed on, with the step its confirmation code used already spent.
    func enable(userID: String, step: Int64, recoveryCodeHashes: [String], in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE users SET totp_seed = totp_pending_seed, totp_pending_seed = NULL, two_factor_enabled = 1,
                totp_last_step = \(step)
            WHERE id = \(userID)
            """)
        try await session.query("DELETE FROM recovery_codes WHERE user_id = \(userID)")
        for hash in recoveryCodeHashes {
            try await session.query("INSERT INTO recovery_codes (user_id, code_hash) VALUES (\(userID), \(hash))")
        }
    }

    func disable(userID: String, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE users SET totp_seed = NULL, totp_pending_seed = NULL, two_factor_enabled = 0,
                totp_last_step = NULL
            WHERE id = \(userID)
            """)
        try await session.query("DELETE FROM recovery_codes WHERE user_id = \(userID)")
    }

    /// Records `step` as used; false when it (or a later one) was used already: a replayed code.
    func spend(step: Int64, userID: String, in session: any SQLSession) async throws -> Bool {
        try await !session.query(
            """
            UPDATE users SET totp_last_step = \(step)
            WHERE id = \(userID) AND (totp_last_step IS NULL OR totp_last_step < \(step)) RETURNING id
            """
        ).isEmpty
    }

    /// Marks an unused recovery code used; false when there is no such unused code.
    func spendRecoveryCode(hash: String, userID: String, at time: Date, in session: any SQLSession) async throws
        -> Bool
    {
        try await !session.query(
            """
            UPDATE recovery_codes SET used_at = \(time)
            WHERE user_id = \(userID) AND code_hash = \(hash) AND used_at IS NULL RETURNING code_hash
            """
        ).isEmpty
    }

    func insertChallenge(
        hash: String, userID: String, provider: String, expiresAt: Date, in session: any SQLSession
    ) async throws {
        try await session.query(
            """
            INSERT INTO login_challenges (challenge_hash, user_id, provider, expires_at)
            VALUES (\(hash), \(userID), \(provider), \(expiresAt))
            """)
    }

    /// The user of a live challenge (not expired, not used) and the provider that verified their first factor.
    func challenge(hash: String, at time: Date, in session: any SQLSession) async throws
        -> (userID: String, provider: String?)?
    {
        guard
            let row = try await session.query(
                """
                SELECT user_id, provider FROM login_challenges
                WHERE challenge_hash = \(hash) AND expires_at > \(time) AND used_at IS NULL
                """
            ).first
        else { return nil }
        return (try row.string("user_id"), try row.optionalString("provider"))
    }

    func spendChallenge(hash: String, at time: Date, in session: any SQLSession) async throws {
        try await session.query("UPDATE login_challenges SET used_at = \(time) WHERE challenge_hash = \(hash)")
    }
}
