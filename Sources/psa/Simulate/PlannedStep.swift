import Foundation

/// One request of the plan: who sends it, when (simulated), what, and the status it should get.
struct PlannedStep: Sendable, Equatable {
    /// The `X-Simulated-Time` of the request.
    let time: Date
    /// The signed-in user whose session sends it; `nil` for anonymous requests (signup, login).
    let actor: UserRef?
    let action: PlannedAction
    /// The status a correct PSA answers; anything else (and any 5xx) is unexpected.
    let expectedStatus: Int

    /// Whether the plan expects the request to fail (a deliberate bad login, a stale link).
    var expectsFailure: Bool { expectedStatus >= 400 }
}

/// What a simulated user does, in terms of the PSA's HTTP API.
enum PlannedAction: Sendable, Equatable {
    case signup(duplicate: Bool)
    case login(UserRef, LoginAttempt)
    case logout
    case createClient(ClientRef)
    case listClients
    case createUser(UserRef)
    case deactivateUser(UserRef)
    case createTicket(TicketRef, TicketDraft)
    case readTicket(TicketRef)
    case updateTicket(TicketRef, TicketChange)
    case comment(TicketRef, CommentDraft)
    case listComments(TicketRef)
    case deleteTicket(TicketRef)
    case search(SearchQuery)
    /// Several requests whose sequence depends on the answers: searches, then maybe opening the ticket.
    case findTicket(FindTicketTask)
    case createService(ServiceRef, name: String, rateMinor: Int)
    case createRule(RuleRef, RuleDraft)
    case updateRule(RuleRef, rateMinor: Int)
    case logTime(TimeEntryDraft)
    case submitTimesheet(SheetRef, periodStart: Date)
    case approveTimesheet(SheetRef)
    case approveTimesheets([SheetRef])
    case rejectTimesheet(SheetRef, reason: String)
    /// The invoice of a client's approved time of `periodStart` to `lastDay`.
    case generateInvoice(InvoiceRef, client: ClientRef, periodStart: Date, lastDay: Date)
    case sendInvoice(InvoiceRef, method: String)
    case recordPayment(InvoiceRef, PaymentPart, method: String)

    /// The name under which the summary counts this request.
    var kind: RequestKind {
        switch self {
        case .signup: .signup
        case .login(_, let attempt): attempt == .correctPassword ? .login : .failedLogin
        case .logout: .logout
        case .createClient: .createClient
        case .listClients: .listClients
        case .createUser: .createUser
        case .deactivateUser: .deactivateUser
        case .createTicket: .createTicket
        case .readTicket: .readTicket
        case .updateTicket(_, let change): change.assignee != nil ? .assignTicket : .updateTicket
        case .comment: .comment
        case .listComments: .listComments
        case .deleteTicket: .deleteTicket
        case .search: .search
        case .findTicket: .findTicket
        case .createService: .createService
        case .createRule: .createRule
        case .updateRule: .updateRule
        case .logTime: .logTime
        case .submitTimesheet: .submitTimesheet
        case .approveTimesheet: .approveTimesheet
        case .approveTimesheets: .approveTimesheets
        case .rejectTimesheet: .rejectTimesheet
        case .generateInvoice: .generateInvoice
        case .sendInvoice: .sendInvoice
        case .recordPayment: .recordPayment
        }
    }
}

/// The kinds of requests, in the order the summary lists them.
enum RequestKind: String, Sendable, CaseIterable, Comparable {
    case signup, login, failedLogin = "failed login", logout
    case createClient = "create client", listClients = "list clients"
    case createUser = "create user", deactivateUser = "deactivate user"
    case createTicket = "create ticket", readTicket = "read ticket", assignTicket = "assign ticket"
    case updateTicket = "update ticket", comment, listComments = "list comments"
    case deleteTicket = "delete ticket", search, findTicket = "find ticket"
    case createService = "create service", createRule = "create billing rule", updateRule = "update billing rule"
    case logTime = "log time", submitTimesheet = "submit timesheet", approveTimesheet = "approve timesheet"
    case approveTimesheets = "bulk approve", rejectTimesheet = "reject timesheet"
    case generateInvoice = "generate invoice", sendInvoice = "send invoice", recordPayment = "record payment"

    static func < (lhs: RequestKind, rhs: RequestKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a login is attempted.
enum LoginAttempt: Sendable, Equatable {
    case correctPassword
    case wrongPassword
    /// An address that has no account (a typo or a guess).
    case unknownEmail(String)
    /// The right password of a user an admin has deactivated.
    case deactivatedAccount

    var isUnknownEmail: Bool {
        if case .unknownEmail = self { return true }
        return false
    }
}

/// The fields of a new ticket.
struct TicketDraft: Sendable, Equatable {
    var title: String
    var description: String?
    var priority: TicketPriority
    var category: String?
    var subcategory: String?
    var assignee: UserRef?
    var source: TicketSource
    var client: ClientRef?
}

/// A change to a ticket; `nil` fields are left out of the request.
struct TicketChange: Sendable, Equatable {
    var status: TicketStatus?
    var priority: TicketPriority?
    var category: String?
    var subcategory: String?
    var assignee: UserRef?
}

/// A comment on a ticket.
struct CommentDraft: Sendable, Equatable {
    var body: String
    var isInternal: Bool
    var isResolution: Bool
}

/// A ticket search and what the plan knows about its outcome.
struct SearchQuery: Sendable, Equatable {
    enum Outcome: Sendable, Equatable {
        /// The text is taken from a ticket that exists.
        case expectsResults
        /// The text matches nothing.
        case expectsNone
        /// Filters only: the result depends on the day's work.
        case unknown
    }

    var text: String?
    var status: TicketStatus?
    var priority: TicketPriority?
    var client: ClientRef?
    var assignedTo: UserRef?
    var includeClosed: Bool?
    var limit: Int?
    var outcome: Outcome
}

/// Ticket statuses, spelt as on the wire.
enum TicketStatus: String, Sendable, CaseIterable {
    case new, inProgress = "in_progress", waitingOnClient = "waiting_on_client", resolved, closed

    var isOpen: Bool { self != .resolved && self != .closed }
}

/// Ticket priorities, spelt as on the wire.
enum TicketPriority: String, Sendable, CaseIterable {
    case low, medium, high, urgent
}

/// Where a ticket came from, spelt as on the wire.
enum TicketSource: String, Sendable, CaseIterable {
    case webApp = "web_app", api, clientPortal = "client_portal", email, assetPage = "asset_page"
}
