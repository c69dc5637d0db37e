import Foundation

/// Checks a second-factor code for a user: a TOTP code within one step of now that was never used before,
/// or an unused recovery code. A successful check spends the code in the caller's transaction.
struct SecondFactor: Sendable {
    let box: SecretBox
    private let store = TwoFactorStore()

    init(box: SecretBox) {
        self.box = box
    }

    /// Whether `code` is good for the user's active seed; spends it when it is.
    func verify(_ code: String, userID: String, at now: Date, in session: any SQLSession) async throws -> Bool {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= 32 else { return false }
        if RecoveryCodes.looksLikeRecoveryCode(trimmed) {
            return try await store.spendRecoveryCode(
                hash: RecoveryCodes.hash(trimmed), userID: userID, at: now, in: session)
        }
        guard let sealed = try await store.seeds(userID: userID, in: session).active,
            let step = TOTPVerifier.matchingStep(of: trimmed, seed: try box.open(sealed), at: now)
        else { return false }
        return try await store.spend(step: step, userID: userID, in: session)
    }
}
