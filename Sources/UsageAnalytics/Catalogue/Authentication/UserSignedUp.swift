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
            .enumeration("registration_method", RegistrationMethod.self, "How the account came to exist."),
            .enumeration("user_type", UserType.self, "Internal agent or client user."),
            .flag("company_created", "Whether the registration created a new tenant."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("registration_method", registrationMethod)
        properties.add("user_type", userType)
        properties.add("company_created", companyCreated)
    }
}
