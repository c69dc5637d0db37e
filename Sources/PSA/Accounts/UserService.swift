import Foundation
import UsageAnalytics

/// An admin's management of the tenant's users: agents, other admins and client contacts.
public struct UserService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    let hasher: PasswordHasher
    let now: @Sendable () -> Date
    private let store = AccountStore()
    private let clients = ClientStore()

    init(
        database: any SQLDatabase, analytics: AnalyticsClient, hasher: PasswordHasher,
        now: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.analytics = analytics
        self.hasher = hasher
        self.now = now
    }

    /// A user an admin creates.
    public struct NewUser: Sendable {
        public var email: String
        public var name: String
        public var password: String
        public var role: Role
        public var clientID: String?
    }

    /// Creates a user in the admin's tenant; `user_signed_up` (admin-created) follows the commit.
    public func create(_ request: NewUser, by admin: Principal, at time: Date) async throws -> User {
        try Self.requireAdmin(admin)
        if request.role == .client, request.clientID == nil {
            throw RequestError.invalid("invalid_field", "'client_id' is required for a client user.")
        }
        if request.role != .client, request.clientID != nil {
            throw RequestError.invalid("invalid_field", "'client_id' is only for client users.")
        }
        let passwordHash = try await hasher.hash(request.password)
        let user = User(
            id: UUIDText.make(), tenantID: admin.tenantID, email: request.email, name: request.name, role: request.role,
            clientID: request.clientID, isActive: true, hasTwoFactor: false, createdAt: time)
        do {
            try await database.transaction { [store, clients] session in
                if let clientID = request.clientID,
                    try await clients.client(id: clientID, tenantID: admin.tenantID, in: session) == nil
                {
                    throw RequestError.notFound("client")
                }
                try await store.insert(user, passwordHash: passwordHash, in: session)
            }
        } catch let error as DatabaseError where error == .uniqueViolation {
            throw RequestError.emailTaken
        }
        analytics.capture(
            UserSignedUp(registrationMethod: .adminCreated, userType: user.role.userType, companyCreated: false),
            actor: AnalyticsActor(tenant: user.tenantID, user: user.id, userType: user.role.userType), at: time)
        return user
    }

    /// Every user of the admin's tenant, oldest first.
    public func list(by admin: Principal) async throws -> [User] {
        try Self.requireAdmin(admin)
        return try await store.users(tenantID: admin.tenantID, in: database)
    }

    /// Changes to a user; absent fields stay as they are.
    public struct Changes: Sendable {
        public var name: String?
        public var role: Role?
        public var isActive: Bool?
    }

    /// Updates a user of the admin's tenant; deactivating revokes the user's sessions at once.
    public func update(id: String, _ changes: Changes, by admin: Principal) async throws -> User {
        try Self.requireAdmin(admin)
        if id == admin.userID, changes.isActive == false || (changes.role.map { $0 != .admin } ?? false) {
            throw RequestError.forbidden("Admins cannot deactivate or demote themselves.")
        }
        return try await database.transaction { [store, now] session in
            guard var user = try await store.lockedUser(id: id, tenantID: admin.tenantID, in: session) else {
                throw RequestError.notFound("user")
            }
            if let role = changes.role, (role == .client) != (user.role == .client) {
                throw RequestError.invalid("invalid_field", "'role' cannot move a user between staff and client.")
            }
            user.name = changes.name ?? user.name
            user.role = changes.role ?? user.role
            user.isActive = changes.isActive ?? user.isActive
            try await store.update(user, in: session)
            if !user.isActive { try await store.revokeSessions(userID: user.id, at: now(), in: session) }
            return user
        }
    }

    static func requireAdmin(_ principal: Principal) throws {
        guard principal.role == .admin else { throw RequestError.forbidden("Only an admin can manage users.") }
    }
}
