/// `login_failed`: a login attempt failed. Never carries the email or user name; send it with the
/// tenant's actor when the tenant is known, otherwise with no actor (the installation's id).
public struct LoginFailed: AnalyticsEvent {
    public var reason: LoginFailureReason
    public var provider: AuthenticationProvider
    /// The user's two-factor setting, when the user is known.
    public var hasTwoFactor: Bool?

    public init(reason: LoginFailureReason, provider: AuthenticationProvider, hasTwoFactor: Bool?) {
        self.reason = reason
        self.provider = provider
        self.hasTwoFactor = hasTwoFactor
    }

    public static let definition = EventDefinition(
        name: "login_failed", category: .authentication,
        trigger: "On any failed login attempt.",
        properties: [
            .enumeration("reason", \Self.reason, "Why the attempt failed."),
            .enumeration("provider", \Self.provider, "Who was asked to verify the identity."),
            .flag("has_two_factor", \Self.hasTwoFactor, "The user's two-factor setting, when the user is known."),
        ])
}
