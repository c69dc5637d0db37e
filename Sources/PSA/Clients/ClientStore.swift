import Foundation

/// The SQL of client companies.
struct ClientStore: Sendable {
    func insert(_ client: Client, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO clients (id, tenant_id, name, created_at)
            VALUES (\(client.id), \(client.tenantID), \(client.name), \(client.createdAt))
            """)
    }

    func client(id: String, tenantID: String, in session: any SQLSession) async throws -> Client? {
        try await session.query(
            "SELECT id, tenant_id, name, created_at FROM clients WHERE id = \(id) AND tenant_id = \(tenantID)"
        ).first.map(Client.init(row:))
    }

    func clients(tenantID: String, in session: any SQLSession) async throws -> [Client] {
        try await session.query(
            "SELECT id, tenant_id, name, created_at FROM clients WHERE tenant_id = \(tenantID) ORDER BY name, id"
        ).map(Client.init(row:))
    }
}
