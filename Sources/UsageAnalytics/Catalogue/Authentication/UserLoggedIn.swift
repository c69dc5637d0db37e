/// `user_logged_in`: a session was issued.
public struct UserLoggedIn: AnalyticsEvent {
    public var provider: AuthenticationProvider
    public var userType: UserType
    /// The user's real two-factor setting, not whether a code was typed this time.
    public var hasTwoFactor: Bool
    public var loginMethod: LoginMethod

    public init(provider: AuthenticationProvider, userType: UserType, hasTwoFactor: Bool, loginMethod: LoginMethod) {
        self.provider = provider
        self.userType = userType
        self.hasTwoFactor = hasTwoFactor
        self.loginMethod = loginMethod
    }

    public static let definition = EventDefinition(
        name: "user_logged_in", category: .authentication,
        trigger: "When a session is issued.",
        properties: [
            .enumeration("provider", \Self.provider, "Who verified the identity."),
            .enumeration("user_type", \Self.userType, "Internal agent or client user."),
            .flag("has_two_factor", \Self.hasTwoFactor, "The user's two-factor setting."),
            .enumeration("login_method", \Self.loginMethod, "The factors this login used."),
        ])
}
