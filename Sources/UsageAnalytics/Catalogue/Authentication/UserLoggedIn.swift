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
            .enumeration("provider", AuthenticationProvider.self, "Who verified the identity."),
            .enumeration("user_type", UserType.self, "Internal agent or client user."),
            .flag("has_two_factor", "The user's two-factor setting."),
            .enumeration("login_method", LoginMethod.self, "The factors this login used."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("provider", provider)
        properties.add("user_type", userType)
        properties.add("has_two_factor", hasTwoFactor)
        properties.add("login_method", loginMethod)
    }
}
