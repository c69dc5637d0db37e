/// `user_signed_up`: a registration committed.
public struct UserSignedUp: AnalyticsEvent {
    public var registrationMethod: RegistrationMethod
    public var userType: UserType
    public var companyCreated: Bool

    public init(registrationMethod: RegistrationMethod, userType: UserType, companyCreated: Bool) {
        self.registrationMethod = registrationMethod
        self.userType = userType
        self.companyCreated = companyCreated
    }

    public static let definition = EventDefinition(
        name: "user_signed_up", category: .authentication,
        trigger: "When a registration commits.",
        properties: [
            .enumeration("registration_method", \Self.registrationMethod, "How the account came to exist."),
            .enumeration("user_type", \Self.userType, "Internal agent or client user."),
            .flag("company_created", \Self.companyCreated, "Whether the registration created a new tenant."),
        ])
}
