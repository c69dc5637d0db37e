import Foundation

/// A person who can sign in to a tenant.
public struct User: Sendable, Equatable {
    public var id: String
    public var tenantID: String
    public var email: String
    public var name: String
    public var role: Role
    /// The client company a client user belongs to; nil for agents and admins.
    public var clientID: String?
    public var isActive: Bool
    public var hasTwoFactor: Bool
    public var createdAt: Date
}

extension User {
    init(row: SQLRow) throws {
        guard let role = Role(rawValue: try row.string("role")) else {
            throw DatabaseError.unexpectedValue(column: "role")
        }
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), email: try row.string("email"),
            name: try row.string("name"), role: role, clientID: try row.optionalString("client_id"),
            isActive: try row.bool("active"), hasTwoFactor: try row.bool("two_factor_enabled"),
            createdAt: try row.date("created_at"))
    }

    /// The columns ``init(row:)`` reads.
    static let columns = "id, tenant_id, email, name, role, client_id, active, two_factor_enabled, created_at"
}
