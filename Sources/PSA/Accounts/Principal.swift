import UsageAnalytics

/// The authenticated caller of a request: who they are and in which tenant.
public struct Principal: Sendable, Equatable {
    public var userID: String
    public var tenantID: String
    public var role: Role
    public var clientID: String?
    /// The public id of the caller's session.
    public var sessionID: String
    /// The hash of the session's token, to revoke it on logout.
    var sessionTokenHash: String

    /// Who analytics events of this caller are about.
    public var analyticsActor: AnalyticsActor {
        AnalyticsActor(tenant: tenantID, user: userID, userType: role.userType)
    }

    /// Whether the caller works for the MSP (an agent or an admin).
    var isStaff: Bool { role != .client }
}
