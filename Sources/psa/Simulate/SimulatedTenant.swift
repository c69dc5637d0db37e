/// A simulated user, by position in its tenant's directory (the server's id is learnt at run time).
struct UserRef: Hashable, Sendable, Comparable {
    let index: Int
    static func < (lhs: UserRef, rhs: UserRef) -> Bool { lhs.index < rhs.index }
}

/// A simulated client company, by position in its tenant's directory.
struct ClientRef: Hashable, Sendable {
    let index: Int
}

/// A simulated ticket, by the order of its creation in its tenant.
struct TicketRef: Hashable, Sendable {
    let index: Int
}

/// The roles of the PSA's users, spelt as on the wire.
enum UserRole: String, Sendable, CaseIterable {
    case admin, agent, client
}

/// One person of a simulated tenant.
struct SimulatedUser: Sendable, Equatable {
    let name: String
    let email: String
    let role: UserRole
    /// The client company of a client user.
    let client: ClientRef?
}

/// One client company of a simulated tenant.
struct SimulatedClient: Sendable, Equatable {
    let name: String
}

/// A simulated company: the admin who signs it up (user 0), its agents, clients and client users.
struct SimulatedTenant: Sendable, Equatable {
    let company: String
    var users: [SimulatedUser]
    var clients: [SimulatedClient]

    static let admin = UserRef(index: 0)

    func user(_ reference: UserRef) -> SimulatedUser { users[reference.index] }

    var agents: [UserRef] { references { $0.role == .agent } }
    var staff: [UserRef] { references { $0.role != .client } }
    var clientUsers: [UserRef] { references { $0.role == .client } }

    private func references(where include: (SimulatedUser) -> Bool) -> [UserRef] {
        users.indices.filter { include(users[$0]) }.map(UserRef.init(index:))
    }
}
