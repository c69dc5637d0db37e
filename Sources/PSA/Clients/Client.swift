import Foundation

/// A client company the MSP serves; its contacts can be client users, and its tickets carry its id.
public struct Client: Sendable, Equatable {
    public var id: String
    public var tenantID: String
    public var name: String
    public var createdAt: Date
}

extension Client {
    init(row: SQLRow) throws {
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), name: try row.string("name"),
            createdAt: try row.date("created_at"))
    }
}
