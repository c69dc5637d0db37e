/// What the driver learns about one tenant as its requests run: the server's ids, the users'
/// passwords (random per run, never part of the plan) and the open sessions.
struct TenantSession: SimulationIdentities, Sendable {
    private(set) var userIDs: [UserRef: ServerID] = [:]
    private(set) var clientIDs: [ClientRef: ServerID] = [:]
    private(set) var ticketIDs: [TicketRef: ServerID] = [:]
    private(set) var tokens: [UserRef: String] = [:]
    private(set) var billing = BillingIdentities()
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
    func id(of service: ServiceRef) -> ServerID? { billing.services[service] }
    func id(of rule: RuleRef) -> ServerID? { billing.rules[rule] }
    func id(of sheet: SheetRef) -> ServerID? { billing.sheets[sheet] }
    func id(of invoice: InvoiceRef) -> ServerID? { billing.invoices[invoice] }
    func amounts(of invoice: InvoiceRef) -> (total: Int, paid: Int)? {
        billing.totals[invoice].map { ($0, billing.paid[invoice, default: 0]) }
    }

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
            billing.learn(from: action, response: response)
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
    var totalMinor: Int?
    var amountMinor: Int?
    var results: [Result]?

    /// An element of a `results` list: its id, if it has one; the other fields are ignored.
    struct Result: Decodable, Sendable {
        var id: ServerID?

        private enum CodingKeys: String, CodingKey {
            case id
        }

        init(from decoder: any Decoder) throws {
            id = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(ServerID.self, forKey: .id)
        }
    }
}

/// The billing records the driver learnt: server ids, and each invoice's total and payments.
struct BillingIdentities: Sendable {
    private(set) var services: [ServiceRef: ServerID] = [:]
    private(set) var rules: [RuleRef: ServerID] = [:]
    private(set) var sheets: [SheetRef: ServerID] = [:]
    private(set) var invoices: [InvoiceRef: ServerID] = [:]
    private(set) var totals: [InvoiceRef: Int] = [:]
    private(set) var paid: [InvoiceRef: Int] = [:]

    mutating func learn(from action: PlannedAction, response: ResponseFields) {
        switch action {
        case .createService(let service, _, _):
            if let id = response.id { services[service] = id }
        case .createRule(let rule, _):
            if let id = response.id { rules[rule] = id }
        case .submitTimesheet(let sheet, _):
            if let id = response.id { sheets[sheet] = id }
        case .generateInvoice(let invoice, _, _, _):
            if let id = response.id { invoices[invoice] = id }
            if let total = response.totalMinor { totals[invoice] = total }
        case .recordPayment(let invoice, _, _):
            paid[invoice, default: 0] += response.amountMinor ?? 0
        default:
            break
        }
    }
}
