/// `auth_validated`: credentials were verified, before any second factor.
public struct AuthValidated: AnalyticsEvent {
    public var hasTwoFactor: Bool
    public var isAdmin: Bool

    public init(hasTwoFactor: Bool, isAdmin: Bool) {
        self.hasTwoFactor = hasTwoFactor
        self.isAdmin = isAdmin
    }

    public static let definition = EventDefinition(
        name: "auth_validated", category: .authentication,
        trigger: "When the password is verified, before a second factor is checked.",
        properties: [
            .flag("has_two_factor", \Self.hasTwoFactor, "Whether the user has a second factor enabled."),
            .flag("is_admin", \Self.isAdmin, "Whether the user is a tenant administrator."),
        ])
}
