/// `user_logged_out`: a session was revoked.
public struct UserLoggedOut: AnalyticsEvent {
    public var userType: UserType

    public init(userType: UserType) {
        self.userType = userType
    }

    public static let definition = EventDefinition(
        name: "user_logged_out", category: .authentication,
        trigger: "When a session is revoked.",
        properties: [
            .enumeration("user_type", \Self.userType, "Internal agent or client user.")
        ])
}
