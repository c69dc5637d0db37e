@testable import psa

/// Walks one tenant's planned requests in order, as the PSA would see them, and names the first
/// thing a correct PSA would refuse that the plan expects to succeed (or the reverse).
struct PlanReplay {
    let tenant: SimulatedTenant
    var signedUp = false
    var existing: Set<UserRef> = []
    var inactive: Set<UserRef> = []
    var sessions: Set<UserRef> = []
    var clients: Set<ClientRef> = []
    var tickets: [TicketRef: ClientRef?] = [:]
    var deleted: Set<TicketRef> = []

    init(tenant: SimulatedTenant) { self.tenant = tenant }

    mutating func apply(_ step: PlannedStep) -> String? {
        if let actor = step.actor {
            guard sessions.contains(actor) else { return "\(step.action.kind) by \(actor.index) without a session" }
            guard !inactive.contains(actor) else { return "\(step.action.kind) by deactivated user \(actor.index)" }
        }
        let role = step.actor.map { tenant.user($0).role }
        let actorClient = step.actor.flatMap { tenant.user($0).client }
        switch step.action {
        case .signup(let duplicate):
            guard duplicate == signedUp, step.expectedStatus == (duplicate ? 409 : 201) else { return "signup" }
            signedUp = true
            existing.insert(SimulatedTenant.admin)
        case .login(let user, let attempt):
            let succeeds = attempt == .correctPassword && existing.contains(user) && !inactive.contains(user)
            guard step.expectedStatus == (succeeds ? 200 : 401) else { return "login \(attempt) of \(user.index)" }
            if attempt == .deactivatedAccount, !inactive.contains(user) {
                return "login of an active user expected to fail"
            }
            if succeeds { sessions.insert(step.actor ?? user) }
        case .logout:
            sessions.remove(step.actor!)
        case .createClient(let client):
            guard role == .admin || role == .agent else { return "client created by \(String(describing: role))" }
            clients.insert(client)
        case .listClients:
            guard role != .client else { return "client user lists clients" }
        case .createUser(let user):
            guard role == .admin, !existing.contains(user) else {
                return "user \(user.index) created twice or by a non-admin"
            }
            if let client = tenant.user(user).client, !clients.contains(client) {
                return "client user before its client"
            }
            existing.insert(user)
        case .deactivateUser(let user):
            guard role == .admin, existing.contains(user) else { return "deactivation" }
            inactive.insert(user)
            sessions.remove(user)
        case .createTicket(let ticket, let draft):
            guard tickets[ticket] == nil else { return "ticket \(ticket.index) created twice" }
            if let client = draft.client, !clients.contains(client) { return "ticket for an unknown client" }
            if let assignee = draft.assignee, tenant.user(assignee).role == .client {
                return "assigned to a client user"
            }
            if role == .client, draft.source != .clientPortal || draft.client != actorClient || draft.assignee != nil {
                return "client user's ticket outside the portal or their company"
            }
            tickets[ticket] = draft.client
        case .readTicket(let ticket):
            let gone = deleted.contains(ticket)
            guard tickets[ticket] != nil, step.expectedStatus == (gone ? 404 : 200) else {
                return "read of \(ticket.index)"
            }
            if role == .client, tickets[ticket]! != actorClient { return "client reads another company's ticket" }
        case .updateTicket(let ticket, let change):
            guard live(ticket), role != .client else {
                return "update of \(ticket.index) by \(String(describing: role))"
            }
            if let assignee = change.assignee, !existing.contains(assignee) || tenant.user(assignee).role == .client {
                return "assigned to \(assignee.index)"
            }
        case .comment(let ticket, let draft):
            guard live(ticket) else { return "comment on \(ticket.index)" }
            if role == .client, draft.isInternal || tickets[ticket]! != actorClient { return "client comment" }
        case .listComments(let ticket):
            guard live(ticket) else { return "comments of \(ticket.index)" }
        case .deleteTicket(let ticket):
            guard live(ticket), role == .admin else { return "delete of \(ticket.index)" }
            deleted.insert(ticket)
        case .search(let query):
            guard role != .client else { return "client user searches" }
            if let client = query.client, !clients.contains(client) { return "search for an unknown client" }
        case .findTicket(let task):
            guard role != .client, live(task.target) else { return "search for ticket \(task.target.index)" }
        case .logTime(let draft):
            guard live(draft.ticket), role != .client else { return "time on \(draft.ticket.index)" }
            if draft.isBillable, tickets[draft.ticket]! == nil { return "billable time on a ticket without a client" }
        case .submitTimesheet:
            guard role != .client else { return "client user submits time" }
        case .createService, .createRule, .updateRule, .approveTimesheet, .approveTimesheets, .rejectTimesheet,
            .generateInvoice, .sendInvoice, .recordPayment:
            guard role == .admin else { return "\(step.action.kind) by \(String(describing: role))" }
        }
        return nil
    }

    private func live(_ ticket: TicketRef) -> Bool { tickets[ticket] != nil && !deleted.contains(ticket) }
}
