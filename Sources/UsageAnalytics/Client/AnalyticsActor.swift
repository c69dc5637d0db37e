/// Who an event is about: a tenant, and a user of it when one is known.
///
/// Ids are the PSA's own; the SDK never sends them raw unless a hosted deployment turned
/// anonymization off.
public struct AnalyticsActor: Sendable, Hashable {
    /// The tenant (the MSP's company) the event happened in.
    public var tenantID: String
    /// The user who acted, when known.
    public var userID: String?
    /// Whether the user is an agent or a client.
    public var userType: UserType?

    /// An actor for `tenant`, and `user` when known.
    public init(tenant: String, user: String? = nil, userType: UserType? = nil) {
        self.tenantID = tenant
        self.userID = user
        self.userType = userType
    }
}
