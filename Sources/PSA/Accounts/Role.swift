import UsageAnalytics

/// What a user may do in their tenant.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Manages users and everything an agent does.
    case admin
    /// Works tickets for every client of the tenant.
    case agent
    /// A client company's contact: sees and opens tickets of their own client only.
    case client

    /// The analytics user type: agents and admins work for the MSP, clients for its customers.
    var userType: UserType {
        self == .client ? .client : .internal
    }
}
