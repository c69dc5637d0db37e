import Foundation

/// Work the MSP sells (remote support, on-site visit, …) and its default hourly rate.
public struct BillableService: Sendable, Equatable {
    public var id: String
    public var tenantID: String
    public var name: String
    /// Per hour, in minor units of the tenant's currency, for clients without a rule of their own.
    public var defaultRateMinor: Int64
    public var createdAt: Date
}

extension BillableService {
    init(row: SQLRow) throws {
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), name: try row.string("name"),
            defaultRateMinor: try row.integer("default_rate_minor"), createdAt: try row.date("created_at"))
    }

    static let columns = "id, tenant_id, name, default_rate_minor, created_at"
}
