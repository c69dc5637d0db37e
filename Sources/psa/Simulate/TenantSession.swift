/// What the driver learns about one tenant as its requests run: the server's ids, the users'
/// passwords (random per run, never part of the plan) and the open sessions.
struct TenantSession: SimulationIdentities, Sendable {
    private(set) var userIDs: [UserRef: ServerID] = [:]
    private(set) var clientIDs: [ClientRef: ServerID] = [:]
    private(set) var ticketIDs: [TicketRef: ServerID] = [:]
    private(set) var tokens: [UserRef: String] = [:]
    let passwords: [String]
    let wrongPassword: String

    init(userCount: Int, makePassword: () -> String) {
        passwords = (0..<userCount).map { _ in makePassword() }
        wrongPassword = makePassword()
    }

    func id(of user: UserRef) -> ServerID? { userIDs[user] }
    func id(of client: ClientRef) -> ServerID? { clientIDs[client] }
    func id(of ticket: TicketRef) -> ServerID? { ticketIDs[ticket] }
    func password(of user: UserRef) -> String { passwords[user.index] }
    func token(of user: UserRef) -> String? { tokens[user] }

    /// Records what a successful response of `action` taught.
    mutating func learn(from action: PlannedAction, response: ResponseFields) {
        switch action {
        case .signup(duplicate: false):
            if let id = response.userId { userIDs[SimulatedTenant.admin] = id }
        case .login(let user, _):
            if let token = response.token { tokens[user] = token }
            if let id = response.userId { userIDs[user] = id }
        case .createClient(let client):
            if let id = response.id { clientIDs[client] = id }
        case .createUser(let user):
            if let id = response.id { userIDs[user] = id }
        case .createTicket(let ticket, _):
            if let id = response.id { ticketIDs[ticket] = id }
        default:
            break
        }
    }

    /// Forgets the session of a user who signed out.
    mutating func signOut(_ user: UserRef) {
        tokens[user] = nil
    }
}

/// The fields of the PSA's responses the simulator reads; the rest is ignored.
struct ResponseFields: Decodable, Sendable {
    var id: ServerID?
    var userId: ServerID?
    var token: String?
    var enteredAt: String?
    var results: [Result]?

    /// An element of a `results` list, whatever its fields.
    struct Result: Decodable, Sendable {
        init(from decoder: any Decoder) throws {}
    }
}
