import Foundation

/// One HTTP request of the PSA's API, rendered from a planned action.
struct PSARequest: Sendable, Equatable {
    let method: String
    /// Path and query, relative to the target URL.
    let path: String
    /// The route as the PSA declares it (`/api/tickets/{id}`), for reports.
    let route: String
    let body: Data?

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    init(_ method: String, _ path: String, route: String, body: (any Encodable)? = nil) {
        self.method = method
        self.path = path
        self.route = route
        self.body = body.map { try! Self.encoder.encode($0) }
    }

    /// The request for `action` of `tenant`, or `nil` when an id it needs was never learnt
    /// (the request that should have created it failed).
    init?(_ action: PlannedAction, tenant: SimulatedTenant, identities: some SimulationIdentities) {
        switch action {
        case .signup:
            let admin = tenant.user(SimulatedTenant.admin)
            self.init(
                "POST", "/api/auth/signup", route: "/api/auth/signup",
                body: RequestBodies.Signup(
                    company: tenant.company, email: admin.email,
                    password: identities.password(of: SimulatedTenant.admin), name: admin.name))
        case .login(let user, let attempt):
            // Someone whose account was never created (its request failed) cannot sign in.
            if !attempt.isUnknownEmail, identities.id(of: user) == nil { return nil }
            let email: String
            let password: String
            switch attempt {
            case .correctPassword, .deactivatedAccount:
                (email, password) = (tenant.user(user).email, identities.password(of: user))
            case .wrongPassword:
                (email, password) = (tenant.user(user).email, identities.wrongPassword)
            case .unknownEmail(let address):
                (email, password) = (address, identities.wrongPassword)
            }
            self.init(
                "POST", "/api/auth/login", route: "/api/auth/login",
                body: RequestBodies.Login(email: email, password: password))
        case .logout:
            self.init("POST", "/api/auth/logout", route: "/api/auth/logout")
        case .createClient(let client):
            self.init(
                "POST", "/api/clients", route: "/api/clients",
                body: RequestBodies.Client(name: tenant.clients[client.index].name))
        case .listClients:
            self.init("GET", "/api/clients", route: "/api/clients")
        case .createUser(let reference):
            let user = tenant.user(reference)
            let clientID = user.client.flatMap { identities.id(of: $0) }
            if user.client != nil, clientID == nil { return nil }
            self.init(
                "POST", "/api/users", route: "/api/users",
                body: RequestBodies.User(
                    email: user.email, name: user.name, password: identities.password(of: reference),
                    role: user.role.rawValue, clientId: clientID))
        case .deactivateUser(let user):
            guard let id = identities.id(of: user) else { return nil }
            self.init(
                "PATCH", "/api/users/\(Self.segment(id))", route: "/api/users/{id}",
                body: RequestBodies.UserActivity(active: false))
        case .createTicket(_, let draft):
            guard let body = Self.ticket(draft, identities: identities) else { return nil }
            self.init("POST", "/api/tickets", route: "/api/tickets", body: body)
        case .readTicket(let ticket):
            guard let id = identities.id(of: ticket) else { return nil }
            self.init("GET", "/api/tickets/\(Self.segment(id))", route: "/api/tickets/{id}")
        case .updateTicket(let ticket, let change):
            guard let id = identities.id(of: ticket) else { return nil }
            let assignee = change.assignee.flatMap { identities.id(of: $0) }
            if change.assignee != nil, assignee == nil { return nil }
            self.init(
                "PATCH", "/api/tickets/\(Self.segment(id))", route: "/api/tickets/{id}",
                body: RequestBodies.TicketUpdate(
                    status: change.status?.rawValue, priority: change.priority?.rawValue, category: change.category,
                    subcategory: change.subcategory, assigneeId: assignee))
        case .comment(let ticket, let draft):
            guard let id = identities.id(of: ticket) else { return nil }
            self.init(
                "POST", "/api/tickets/\(Self.segment(id))/comments", route: "/api/tickets/{id}/comments",
                body: RequestBodies.Comment(
                    body: draft.body, internal: draft.isInternal, resolution: draft.isResolution))
        case .listComments(let ticket):
            guard let id = identities.id(of: ticket) else { return nil }
            self.init("GET", "/api/tickets/\(Self.segment(id))/comments", route: "/api/tickets/{id}/comments")
        case .deleteTicket(let ticket):
            guard let id = identities.id(of: ticket) else { return nil }
            self.init("DELETE", "/api/tickets/\(Self.segment(id))", route: "/api/tickets/{id}")
        case .search(let query):
            guard let items = Self.queryItems(query, identities: identities) else { return nil }
            var components = URLComponents()
            components.path = "/api/tickets"
            components.queryItems = items.isEmpty ? nil : items
            self.init("GET", components.string ?? "/api/tickets", route: "/api/tickets")
        default:
            guard let request = Self.billing(action, identities: identities) else { return nil }
            self = request
        }
    }

    /// An id as one path segment: whatever the server chose, it cannot reach another route.
    static func segment(_ id: ServerID) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return id.description.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private static func ticket(_ draft: TicketDraft, identities: some SimulationIdentities) -> RequestBodies.Ticket? {
        let assignee = draft.assignee.flatMap { identities.id(of: $0) }
        let client = draft.client.flatMap { identities.id(of: $0) }
        if (draft.assignee != nil && assignee == nil) || (draft.client != nil && client == nil) { return nil }
        return RequestBodies.Ticket(
            title: draft.title, description: draft.description, priority: draft.priority.rawValue,
            category: draft.category, subcategory: draft.subcategory, assigneeId: assignee,
            source: draft.source.rawValue, clientId: client)
    }

    private static func queryItems(_ query: SearchQuery, identities: some SimulationIdentities) -> [URLQueryItem]? {
        var items: [URLQueryItem] = []
        if let text = query.text { items.append(URLQueryItem(name: "q", value: text)) }
        if let status = query.status { items.append(URLQueryItem(name: "status", value: status.rawValue)) }
        if let priority = query.priority { items.append(URLQueryItem(name: "priority", value: priority.rawValue)) }
        if let client = query.client {
            guard let id = identities.id(of: client) else { return nil }
            items.append(URLQueryItem(name: "client", value: id.description))
        }
        if let user = query.assignedTo {
            guard let id = identities.id(of: user) else { return nil }
            items.append(URLQueryItem(name: "assigned_to", value: id.description))
        }
        if let includeClosed = query.includeClosed {
            items.append(URLQueryItem(name: "include_closed", value: String(includeClosed)))
        }
        if let limit = query.limit { items.append(URLQueryItem(name: "limit", value: String(limit))) }
        return items
    }
}
