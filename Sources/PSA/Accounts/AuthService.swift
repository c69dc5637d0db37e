import Foundation
import UsageAnalytics

/// Sign-up, sign-in, sessions and sign-out, each emitting its analytics event after its transaction commits.
///
/// Sessions live by real time (``now``), whatever time a request carries: simulated time never lengthens or
/// shortens a session.
public struct AuthService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let sessionLifetime: Duration
    let now: @Sendable () -> Date
    let secondFactor: SecondFactor
    private let store = AccountStore()

    init(
        database: any SQLDatabase, analytics: AnalyticsClient, hasher: PasswordHasher, throttle: LoginThrottle,
        secondFactor: SecondFactor, sessionLifetime: Duration, now: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.analytics = analytics
        self.hasher = hasher
        self.throttle = throttle
        self.secondFactor = secondFactor
        self.sessionLifetime = sessionLifetime
        self.now = now
    }

    /// A company's registration: its tenant, its default board and its first admin.
    public struct SignUp: Sendable {
        public var company: String
        public var email: String
        public var password: String
        public var name: String
    }

    /// Creates the tenant and its admin; `user_signed_up` follows the commit.
    ///
    /// A taken email answers 409, which tells that an account exists; so each sign-up counts against the
    /// client address like a failed sign-in until it succeeds, and probing many emails gets a 429.
    /// - Throws: ``RequestError`` 409 when the email already has an account.
    public func signUp(_ request: SignUp, address: String?, at time: Date) async throws -> User {
        if let retryAfter = throttle.admit(email: nil, address: address) {
            throw RequestError.throttled(retryAfterSeconds: retryAfter)
        }
        let passwordHash = try await hasher.hash(request.password)
        let tenantID = UUIDText.make()
        let user = User(
            id: UUIDText.make(), tenantID: tenantID, email: request.email, name: request.name, role: .admin,
            clientID: nil, isActive: true, hasTwoFactor: false, createdAt: time)
        do {
            try await database.transaction { [store] session in
                try await store.insertTenant(id: tenantID, name: request.company, at: time, in: session)
                try await store.insert(user, passwordHash: passwordHash, in: session)
            }
        } catch let error as DatabaseError where error == .uniqueViolation {
            throw RequestError.emailTaken
        }
        throttle.succeeded(email: nil, address: address)
        analytics.capture(
            UserSignedUp(registrationMethod: .selfService, userType: .internal, companyCreated: true),
            actor: AnalyticsActor(tenant: tenantID, user: user.id, userType: .internal), at: time)
        return user
    }

    /// A session issued by ``logIn(email:password:address:at:)`` or ``completeSignIn(challenge:code:address:at:)``.
    public struct Session: Sendable {
        public var token: String
        public var expiresAt: Date
        public var user: User
    }

    /// What a correct password leads to: a session, or (two-factor sign-in on) a challenge to answer with a code.
    public enum SignIn: Sendable {
        case session(Session)
        case secondFactorRequired(challenge: String, expiresAt: Date)
    }

    /// How long a sign-in challenge waits for its code.
    static let challengeLifetime: TimeInterval = 5 * 60

    /// Verifies the credentials and issues a session, or a challenge when the user has two-factor sign-in on.
    ///
    /// Every failure gets the same 401, after the same bcrypt work, whether the account is unknown, the
    /// password wrong or the account inactive; only `login_failed` (sent with the tenant's id, never the
    /// user's) tells them apart. Too many failures for the email or the address get a 429 with `Retry-After`.
    public func logIn(email: String, password: String, address: String?, at time: Date) async throws -> SignIn {
        let account = try await store.credentials(email: email, in: database)
        let tenantActor = account.map { AnalyticsActor(tenant: $0.user.tenantID) }
        try admit(
            email: email, address: address, hasTwoFactor: account?.user.hasTwoFactor, actor: tenantActor, at: time)
        // bcrypt stops at a NUL byte: such a password is never right, but costs the same work.
        let verified = try await hasher.verify(password, against: account?.hash) && !password.utf8.contains(0)
        guard let user = account?.user, verified, user.isActive else {
            let reason: LoginFailureReason =
                account == nil ? .unknownUser : verified ? .inactiveAccount : .invalidPassword
            analytics.capture(
                LoginFailed(reason: reason, provider: .credentials, hasTwoFactor: account?.user.hasTwoFactor),
                actor: tenantActor, at: time)
            throw RequestError.invalidCredentials
        }
        let actor = AnalyticsActor(tenant: user.tenantID, user: user.id, userType: user.role.userType)
        analytics.capture(
            AuthValidated(hasTwoFactor: user.hasTwoFactor, isAdmin: user.role == .admin), actor: actor, at: time)
        if let stored = account?.hash, hasher.needsRehash(stored) {
            // A hash from an older cost answers a wrong password faster than the decoy an unknown email gets.
            let rehashed = try await hasher.hash(password)
            try await database.transaction { [store] session in
                try await store.setPasswordHash(rehashed, userID: user.id, in: session)
            }
        }
        guard user.hasTwoFactor else {
            throttle.succeeded(email: email, address: address)
            return .session(try await issueSession(for: user, method: .password, at: time))
        }
        // The account's failures are forgotten only once the second factor is right, so that a known password
        // cannot reset the count of guessed codes.
        return try await secondFactorChallenge(for: user, provider: .credentials)
    }

    /// A sign-in challenge for `user`, whose first factor `provider` verified, to answer with a code.
    func secondFactorChallenge(for user: User, provider: AuthenticationProvider) async throws -> SignIn {
        let challenge = SessionToken.generate()
        let expiresAt = now().addingTimeInterval(Self.challengeLifetime)
        try await database.transaction { session in
            try await TwoFactorStore().insertChallenge(
                hash: challenge.hash, userID: user.id, provider: provider.rawValue, expiresAt: expiresAt, in: session)
        }
        return .secondFactorRequired(challenge: challenge.value, expiresAt: expiresAt)
    }

    /// Answers a sign-in challenge with a TOTP or recovery code and issues the session.
    public func completeSignIn(challenge: String, code: String, address: String?, at time: Date) async throws -> Session
    {
        guard let token = SessionToken(received: Substring(challenge)),
            let pending = try await TwoFactorStore().challenge(hash: token.hash, at: now(), in: database),
            let user = try await store.user(id: pending.userID, in: database), user.isActive
        else { throw RequestError.invalidChallenge }
        let provider = pending.provider.flatMap(AuthenticationProvider.init(rawValue:)) ?? .credentials
        let tenantActor = AnalyticsActor(tenant: user.tenantID)
        try admit(
            email: user.email, address: address, hasTwoFactor: true, provider: provider, actor: tenantActor, at: time)
        let accepted = try await database.transaction { [now, secondFactor] session in
            guard try await secondFactor.verify(code, userID: user.id, at: now(), in: session) else { return false }
            try await TwoFactorStore().spendChallenge(hash: token.hash, at: now(), in: session)
            return true
        }
        guard accepted else {
            analytics.capture(
                LoginFailed(reason: .invalidTwoFactorCode, provider: provider, hasTwoFactor: true),
                actor: tenantActor, at: time)
            throw RequestError.invalidTwoFactorCode
        }
        throttle.succeeded(email: user.email, address: address)
        return try await issueSession(
            for: user, provider: provider, method: provider == .credentials ? .passwordAndTOTP : .oauth, at: time)
    }

    /// Admits the attempt, or answers 429 (and `login_failed` with `locked_out`) while locked out.
    private func admit(
        email: String, address: String?, hasTwoFactor: Bool?, provider: AuthenticationProvider = .credentials,
        actor: AnalyticsActor?, at time: Date
    ) throws {
        guard let retryAfter = throttle.admit(email: email, address: address) else { return }
        analytics.capture(
            LoginFailed(reason: .lockedOut, provider: provider, hasTwoFactor: hasTwoFactor), actor: actor, at: time)
        throw RequestError.throttled(retryAfterSeconds: retryAfter)
    }

    func issueSession(
        for user: User, provider: AuthenticationProvider = .credentials, method: LoginMethod, at time: Date
    ) async throws -> Session {
        let token = SessionToken.generate()
        let issuedAt = now()
        let expiresAt = issuedAt.addingTimeInterval(Double(sessionLifetime.components.seconds))
        try await database.transaction { [store] session in
            try await store.insertSession(
                tokenHash: token.hash, user: user, provider: provider.rawValue, at: issuedAt, expiresAt: expiresAt,
                in: session)
        }
        analytics.capture(
            UserLoggedIn(
                provider: provider, userType: user.role.userType, hasTwoFactor: user.hasTwoFactor,
                loginMethod: method),
            actor: AnalyticsActor(tenant: user.tenantID, user: user.id, userType: user.role.userType), at: time)
        return Session(token: token.value, expiresAt: expiresAt, user: user)
    }

    /// The caller behind a bearer token, or nil when the token is malformed, unknown, expired or revoked,
    /// or its user inactive.
    public func authenticate(bearer token: Substring) async throws -> Principal? {
        guard let token = SessionToken(received: token) else { return nil }
        return try await store.principal(tokenHash: token.hash, at: now(), in: database)
    }

    /// Revokes the caller's session; `user_logged_out` follows.
    public func logOut(_ principal: Principal, at time: Date) async throws {
        let revoked = try await database.transaction { [store] session in
            try await store.revokeSession(tokenHash: principal.sessionTokenHash, at: now(), in: session)
        }
        if revoked {
            analytics.capture(
                UserLoggedOut(userType: principal.role.userType), actor: principal.analyticsActor, at: time)
        }
    }
}

extension RequestError {
    /// A 409 for a sign-up or invitation whose email already has an account.
    static let emailTaken = RequestError(
        status: .conflict, type: "conflict", code: "email_taken", detail: "An account with this email already exists.")
}

extension AuthService {
    /// The caller's own account.
    public func user(for principal: Principal) async throws -> User? {
        try await AccountStore().user(id: principal.userID, tenantID: principal.tenantID, in: database)
    }
}
