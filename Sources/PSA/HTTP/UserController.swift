import Hummingbird

/// `/api/users` (admins) and `/api/clients` (staff create, everyone lists what they may see).
struct UserController {
    let users: UserService
    let clients: ClientService

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/users", use: createUser)
        router.get("/api/users", use: listUsers)
        router.patch("/api/users/{id}", use: updateUser)
        router.post("/api/clients", use: createClient)
        router.get("/api/clients", use: listClients)
    }

    struct NewUserBody: JSONBody {
        var email: String
        var name: String
        var password: String
        var role: String
        var clientID: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case email, name, password, role
            case clientID = "client_id"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            email = try container.decode(String.self, forKey: .email)
            name = try container.decode(String.self, forKey: .name)
            password = try container.decode(String.self, forKey: .password)
            role = try container.decode(String.self, forKey: .role)
            clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
        }
    }

    @Sendable func createUser(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<User> {
        let principal = try context.requirePrincipal()
        try UserService.requireAdmin(principal)
        let body = try await request.decodeJSON(as: NewUserBody.self, context: context)
        let newUser = UserService.NewUser(
            email: try FieldRules.email(body.email), name: try FieldRules.text(body.name, field: "name", maximum: 200),
            password: try FieldRules.password(body.password),
            role: try FieldRules.choice(body.role, field: "role", of: Role.self),
            clientID: try body.clientID.map { try FieldRules.identifier($0, field: "client_id") })
        let user = try await users.create(newUser, by: principal, at: context.now)
        return EditedResponse(status: .created, response: user)
    }

    @Sendable func listUsers(_ request: Request, context: PSARequestContext) async throws -> ResultList<User> {
        ResultList(results: try await users.list(by: try context.requirePrincipal()))
    }

    struct UserChangesBody: JSONBody {
        var name: String?
        var role: String?
        var active: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, role, active
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            role = try container.decodeIfPresent(String.self, forKey: .role)
            active = try container.decodeIfPresent(Bool.self, forKey: .active)
        }
    }

    @Sendable func updateUser(_ request: Request, context: PSARequestContext) async throws -> User {
        let principal = try context.requirePrincipal()
        try UserService.requireAdmin(principal)
        let id = try FieldRules.identifier(context.parameters.get("id") ?? "", field: "id")
        let body = try await request.decodeJSON(as: UserChangesBody.self, context: context)
        let changes = UserService.Changes(
            name: try body.name.map { try FieldRules.text($0, field: "name", maximum: 200) },
            role: try body.role.map { try FieldRules.choice($0, field: "role", of: Role.self) },
            isActive: body.active)
        return try await users.update(id: id, changes, by: principal)
    }

    struct NewClientBody: JSONBody {
        var name: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            name = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
        }
    }

    @Sendable func createClient(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<Client> {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: NewClientBody.self, context: context)
        let client = try await clients.create(
            name: try FieldRules.text(body.name, field: "name", maximum: 200), by: principal, at: context.now)
        return EditedResponse(status: .created, response: client)
    }

    @Sendable func listClients(_ request: Request, context: PSARequestContext) async throws -> ResultList<Client> {
        ResultList(results: try await clients.list(by: try context.requirePrincipal()))
    }
}
