import Foundation

/// Users, tickets, comments and search of the fake PSA.
extension FakePSA.Contract {
    typealias State = FakePSA.State
    typealias User = FakePSA.User

    static func createUser(by user: User, body: [String: Any]?, now: String, state: inout State) -> Answer {
        guard user.role == "admin" else { return error(403, "forbidden") }
        guard let body, Set(body.keys).isSubset(of: ["email", "name", "password", "role", "client_id"]),
            let email = body["email"] as? String, body["name"] is String,
            let password = body["password"] as? String, password.count >= 12,
            let role = body["role"] as? String, ["admin", "agent", "client"].contains(role)
        else { return error(400, "invalid_user") }
        let clientID = body["client_id"] as? Int
        if role == "client" {
            guard let clientID, state.clients[clientID]?.tenant == user.tenant else {
                return error(400, "client_required")
            }
        }
        if state.users.values.contains(where: { $0.email == email }) { return error(409, "email_taken") }
        let id = state.makeID()
        state.users[id] = User(
            id: id, tenant: user.tenant, email: email, password: password, role: role, client: clientID)
        return (
            201,
            ["id": id, "email": email, "role": role, "client_id": clientID as Any, "active": true, "created_at": now]
        )
    }

    static func createTicket(by user: User, body: [String: Any]?, now: String, state: inout State) -> Answer {
        guard let body, Set(body.keys).isSubset(of: ticketKeys), let title = body["title"] as? String, !title.isEmpty
        else { return error(400, "invalid_ticket") }
        if let invalid = invalidFields(body, state: state, tenant: user.tenant) { return error(400, invalid) }
        if user.role == "client" {
            guard body["source"] as? String == "client_portal", body["client_id"] as? Int == user.client,
                body["assignee_id"] == nil
            else { return error(403, "client_scope") }
        }
        let id = state.makeID()
        var fields = body
        fields["id"] = id
        fields["number"] = state.tickets.values.filter { $0.tenant == user.tenant }.count + 1
        fields["status"] = "new"
        fields["priority"] = body["priority"] ?? "medium"
        fields["entered_by"] = user.id
        fields["entered_at"] = now
        fields["updated_at"] = now
        state.tickets[id] = FakePSA.Ticket(fields: fields, tenant: user.tenant)
        return (201, fields)
    }

    private static func invalidFields(_ body: [String: Any], state: State, tenant: Int) -> String? {
        if let priority = body["priority"], !priorities.contains(priority as? String ?? "") {
            return "invalid_priority"
        }
        if let status = body["status"], !statuses.contains(status as? String ?? "") { return "invalid_status" }
        if let source = body["source"], !sources.contains(source as? String ?? "") { return "invalid_source" }
        if let assignee = body["assignee_id"] {
            guard let id = assignee as? Int, let user = state.users[id], user.tenant == tenant, user.role != "client"
            else { return "invalid_assignee" }
        }
        if let client = body["client_id"] {
            guard let id = client as? Int, state.clients[id]?.tenant == tenant else { return "invalid_client" }
        }
        return nil
    }

    static func ticketRoute(
        method: String, route: String, id: Int?, user: User, body: [String: Any]?, now: String, state: inout State
    ) -> Answer {
        guard let id, let ticket = state.tickets[id], ticket.tenant == user.tenant,
            user.role != "client" || ticket.fields["client_id"] as? Int == user.client
        else { return error(404, "not_found") }
        switch (method, route) {
        case ("GET", "/api/tickets/{id}"):
            return (200, ticket.fields)
        case ("PATCH", "/api/tickets/{id}"):
            guard user.role != "client" else { return error(403, "forbidden") }
            guard let body, !body.isEmpty, Set(body.keys).isSubset(of: updateKeys) else {
                return error(400, "invalid_update")
            }
            if let invalid = invalidFields(body, state: state, tenant: user.tenant) { return error(400, invalid) }
            state.tickets[id]!.fields.merge(body) { $1 }
            state.tickets[id]!.fields["updated_at"] = now
            return (200, state.tickets[id]!.fields)
        case ("DELETE", "/api/tickets/{id}"):
            guard user.role != "client" else { return error(403, "forbidden") }
            state.tickets[id] = nil
            return (204, nil)
        case ("POST", "/api/tickets/{id}/comments"):
            guard let body, Set(body.keys).isSubset(of: ["body", "internal", "resolution"]),
                let text = body["body"] as? String, !text.isEmpty,
                user.role != "client" || body["internal"] as? Bool != true
            else { return error(400, "invalid_comment") }
            let comment: [String: Any] = ["id": state.makeID(), "body": text, "created_at": now]
            state.comments[id, default: []].append(comment)
            return (201, comment)
        case ("GET", "/api/tickets/{id}/comments"):
            return (200, ["results": state.comments[id] ?? []])
        default:
            return error(404, "no_route")
        }
    }

    static func search(by user: User, path: String, state: State) -> Answer {
        let items = URLComponents(string: path)?.queryItems ?? []
        guard Set(items.map(\.name)).isSubset(of: searchKeys) else { return error(400, "unknown_parameter") }
        let value = { (name: String) in items.first { $0.name == name }?.value }
        if let status = value("status"), !statuses.contains(status) { return error(400, "invalid_status") }
        if let priority = value("priority"), !priorities.contains(priority) { return error(400, "invalid_priority") }
        let limit = value("limit").map { Int($0) ?? -1 } ?? 50
        guard (1...100).contains(limit) else { return error(400, "invalid_limit") }
        let includeClosed = value("include_closed") == "true"
        let text = value("q")?.lowercased()
        let results = state.tickets.values.filter { $0.tenant == user.tenant }.map(\.fields).filter { fields in
            let status = fields["status"] as? String ?? ""
            let haystack = "\(fields["title"] ?? "") \(fields["description"] ?? "")".lowercased()
            return (includeClosed || !["resolved", "closed"].contains(status))
                && (text.map { haystack.contains($0) } ?? true)
                && (value("status").map { $0 == status } ?? true)
                && (value("priority").map { $0 == fields["priority"] as? String } ?? true)
                && (value("client").map { $0 == "\(fields["client_id"] ?? "")" } ?? true)
                && (value("assigned_to").map { $0 == "\(fields["assignee_id"] ?? "")" } ?? true)
        }
        return (200, ["results": Array(results.prefix(limit)), "next_cursor": NSNull()])
    }
}
