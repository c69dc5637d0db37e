import Foundation
import UsageAnalytics

extension AuthService {
    /// Signs in the user a provider vouched for: the user linked to the provider's subject, or else the user
    /// whose email the provider verified (linking them), or else, only when the tenant the sign-in started for
    /// lets verified addresses of its domain in, a new agent of that tenant.
    ///
    /// `auth_validated` follows the verification, then `user_logged_in` (or a challenge when the user has
    /// two-factor sign-in on: the provider proves the first factor only).
    func signIn(
        as identity: VerifiedIdentity, provider: OIDCProvider, signupTenantID: String?, at time: Date
    ) async throws -> SignIn {
        guard let email = try? FieldRules.email(identity.email), identity.subject.utf8.count <= 255 else {
            throw OIDCFailure.invalidToken
        }
        let resolution = try await database.transaction { [now] session in
            try await Self.resolve(
                subject: identity.subject, email: email, provider: provider, signupTenantID: signupTenantID,
                at: now(), in: session)
        }
        let user: User
        switch resolution {
        case .existing(let existing): user = existing
        case .conflict: throw OIDCFailure.invalidToken
        case .none:
            analytics.capture(
                LoginFailed(reason: .unknownUser, provider: provider.analyticsProvider, hasTwoFactor: nil),
                actor: signupTenantID.map { AnalyticsActor(tenant: $0) }, at: time)
            throw RequestError.noOIDCAccount
        case .eligible(let tenantID):
            user = try await createUser(
                email: email, subject: identity.subject, provider: provider, tenantID: tenantID, at: time)
        }
        let analyticsProvider = provider.analyticsProvider
        guard user.isActive else {
            analytics.capture(
                LoginFailed(
                    reason: .oauthInactiveAccount, provider: analyticsProvider, hasTwoFactor: user.hasTwoFactor),
                actor: AnalyticsActor(tenant: user.tenantID), at: time)
            throw RequestError.inactiveOIDCAccount
        }
        analytics.capture(
            AuthValidated(hasTwoFactor: user.hasTwoFactor, isAdmin: user.role == .admin),
            actor: AnalyticsActor(tenant: user.tenantID, user: user.id, userType: user.role.userType), at: time)
        guard user.hasTwoFactor else {
            return .session(try await issueSession(for: user, provider: analyticsProvider, method: .oauth, at: time))
        }
        return try await secondFactorChallenge(for: user, provider: analyticsProvider)
    }

    private enum Resolution: Sendable {
        case existing(User)
        case eligible(tenantID: String)
        case conflict
        case none
    }

    private static func resolve(
        subject: String, email: String, provider: OIDCProvider, signupTenantID: String?, at now: Date,
        in session: any SQLSession
    ) async throws -> Resolution {
        let store = OIDCStore()
        let accounts = AccountStore()
        if let userID = try await store.linkedUserID(provider: provider, subject: subject, in: session) {
            return try await accounts.user(id: userID, in: session).map(Resolution.existing) ?? .none
        }
        if let account = try await accounts.credentials(email: email, in: session) {
            // The account is linked to another identity at this provider: the address was given to someone else.
            if try await store.linkedSubject(provider: provider, userID: account.user.id, in: session) != nil {
                return .conflict
            }
            try await store.link(provider: provider, subject: subject, userID: account.user.id, at: now, in: session)
            return .existing(account.user)
        }
        guard let signupTenantID,
            let domain = try await store.signupDomain(tenantID: signupTenantID, in: session),
            email.hasSuffix("@" + domain)
        else { return .none }
        return .eligible(tenantID: signupTenantID)
    }

    /// A new agent in `tenantID` with an unusable password (a hash of random bytes nobody knows), linked to the
    /// provider's subject; `user_signed_up` (single sign-on) follows.
    private func createUser(
        email: String, subject: String, provider: OIDCProvider, tenantID: String, at time: Date
    ) async throws -> User {
        let passwordHash = try await hasher.hash(SessionToken.generate().value)
        let user = User(
            id: UUIDText.make(), tenantID: tenantID, email: email, name: String(email.prefix { $0 != "@" }),
            role: .agent, clientID: nil, isActive: true, hasTwoFactor: false, createdAt: time)
        do {
            try await database.transaction { [now] session in
                try await AccountStore().insert(user, passwordHash: passwordHash, in: session)
                try await OIDCStore().link(
                    provider: provider, subject: subject, userID: user.id, at: now(), in: session)
            }
        } catch let error as DatabaseError where error == .uniqueViolation {
            // The same person finishing two sign-ins at once: the other one created the account.
            throw RequestError.emailTaken
        }
        analytics.capture(
            UserSignedUp(registrationMethod: .singleSignOn, userType: .internal, companyCreated: false),
            actor: AnalyticsActor(tenant: tenantID, user: user.id, userType: .internal), at: time)
        return user
    }
}
