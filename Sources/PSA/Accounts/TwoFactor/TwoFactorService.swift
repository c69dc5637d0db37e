import ExtrasBase64
import Foundation

/// Enrolment in TOTP: a seed to scan, a confirmation code that turns it on (and returns recovery codes once),
/// and a code to turn it off again.
public struct TwoFactorService: Sendable {
    let database: any SQLDatabase
    let box: SecretBox
    let now: @Sendable () -> Date
    private let store = TwoFactorStore()
    private let accounts = AccountStore()

    init(database: any SQLDatabase, box: SecretBox, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.box = box
        self.now = now
    }

    /// What an authenticator app needs: the seed in base32 and the `otpauth://` URI of a QR code.
    public struct Enrolment: Sendable {
        public var secret: String
        public var uri: String
    }

    /// Starts enrolment with a new seed; nothing changes for sign-in until ``confirm(code:for:)``.
    public func begin(for principal: Principal) async throws -> Enrolment {
        guard let user = try await accounts.user(id: principal.userID, tenantID: principal.tenantID, in: database)
        else { throw RequestError.invalidToken }
        guard !user.hasTwoFactor else {
            throw RequestError(
                status: .conflict, type: "conflict", code: "two_factor_enabled",
                detail: "Two-factor sign-in is already on; turn it off first to enrol a new device.")
        }
        let seed = TOTPVerifier.makeSeed()
        let sealed = try box.seal(seed)
        try await database.transaction { [store] session in
            try await store.setPendingSeed(sealed, userID: user.id, in: session)
        }
        return Enrolment(
            secret: String(base32Encoding: Array(seed.utf8), options: .omitPaddingCharacter),
            uri: TOTPVerifier.provisioningURI(seed: seed, account: user.email))
    }

    /// Turns two-factor sign-in on when `code` is valid for the pending seed; returns the recovery codes,
    /// shown this once.
    public func confirm(code: String, for principal: Principal) async throws -> [String] {
        let codes = RecoveryCodes.generate()
        try await database.transaction { [store, box, now] session in
            guard let sealed = try await store.seeds(userID: principal.userID, in: session).pending else {
                throw RequestError.invalid("no_enrolment", "Start with POST /api/auth/two-factor/setup.")
            }
            guard let step = TOTPVerifier.matchingStep(of: code, seed: try box.open(sealed), at: now()) else {
                throw RequestError.invalidTwoFactorCode
            }
            try await store.enable(
                userID: principal.userID, step: step, recoveryCodeHashes: codes.map(RecoveryCodes.hash), in: session)
        }
        return codes
    }

    /// Turns two-factor sign-in off with a valid code (or recovery code), and ends the user's other sessions.
    public func disable(code: String, for principal: Principal) async throws {
        try await database.transaction { [store, box, now] session in
            guard try await store.seeds(userID: principal.userID, in: session).active != nil else {
                throw RequestError.invalid("two_factor_off", "Two-factor sign-in is not on.")
            }
            guard try await SecondFactor(box: box).verify(code, userID: principal.userID, at: now(), in: session)
            else { throw RequestError.invalidTwoFactorCode }
            try await store.disable(userID: principal.userID, in: session)
            try await AccountStore().revokeOtherSessions(
                userID: principal.userID, keeping: principal.sessionTokenHash, at: now(), in: session)
        }
    }
}

extension RequestError {
    /// A 401 for a second-factor code that is wrong, expired or already used.
    static let invalidTwoFactorCode = RequestError.unauthenticated(
        "invalid_two_factor_code", "The code is wrong, expired or already used.")

    /// A 401 for a sign-in challenge that is unknown, expired or used.
    static let invalidChallenge = RequestError.unauthenticated(
        "invalid_challenge", "The sign-in challenge is invalid or expired; sign in again with your password.")
}
