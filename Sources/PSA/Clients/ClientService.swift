import Foundation

/// Client companies of a tenant: staff create and list them; a client user sees only their own.
public struct ClientService: Sendable {
    let database: any SQLDatabase
    private let store = ClientStore()

    init(database: any SQLDatabase) {
        self.database = database
    }

    public func create(name: String, by principal: Principal, at time: Date) async throws -> Client {
        guard principal.isStaff else { throw RequestError.forbidden("Only agents and admins can add clients.") }
        let client = Client(id: UUIDText.make(), tenantID: principal.tenantID, name: name, createdAt: time)
        try await database.transaction { [store] session in try await store.insert(client, in: session) }
        return client
    }

    public func list(by principal: Principal) async throws -> [Client] {
        let all = try await store.clients(tenantID: principal.tenantID, in: database)
        return principal.isStaff ? all : all.filter { $0.id == principal.clientID }
    }
}
