/// The group types flags aggregate by, as PostHog's `group_type_mapping` names them.
///
/// The PSA has one: the tenant, at index 0. Its group key is the HMAC of the tenant id that
/// `$groups.tenant` carries on every event, so a tenant-aggregated flag's exposures join the tenant's
/// metric events, and the tenant id itself never leaves the process.
public enum FlagGroupType {
    /// The tenant's group type name, the key of `$groups` on events and of `groups` in `/flags` requests.
    public static let tenant = "tenant"
    /// The tenant's `aggregation_group_type_index`.
    public static let tenantIndex = 0
    /// The most group types PostHog allows in a project (indexes 0...4).
    public static let maximumIndex = 4
    /// The `group_type_mapping` a collector serves: `{"0": "tenant"}`.
    public static let collectorMapping: [String: String] = [String(tenantIndex): tenant]
}
