import Foundation

/// The fake PSA's answers, per the contract in the simulator's brief.
extension FakePSA {
    enum Contract {
        typealias Answer = (Int, Any?)

        static let priorities: Set<String> = ["low", "medium", "high", "urgent"]
        static let statuses: Set<String> = ["new", "in_progress", "waiting_on_client", "resolved", "closed"]
        static let sources: Set<String> = ["web_app", "api", "client_portal", "email", "asset_page"]
        static let ticketKeys: Set<String> = [
            "title", "description", "priority", "category", "subcategory", "assignee_id", "source", "client_id",
        ]
        static let updateKeys: Set<String> = [
            "title", "description", "status", "priority", "category", "subcategory", "assignee_id", "client_id",
        ]
        static let searchKeys: Set<String> = [
            "q", "status", "priority", "client", "assigned_to", "include_closed", "limit", "cursor",
        ]

        static func error(_ status: Int, _ code: String) -> Answer {
            (
                status,
                ["type": status == 401 ? "authentication_error" : "validation_error", "code": code, "detail": code]
            )
        }

        static func answer(
            method: String, route: String, path: String, headers: [String: String], body: [String: Any]?,
            bytes: Int, time: String?, state: inout State
        ) -> Answer {
            let now = time ?? Date().formatted(.iso8601)
            switch (method, route) {
            case ("POST", "/api/auth/signup"):
                guard let body, Set(body.keys) == ["company", "email", "password", "name"],
                    let email = body["email"] as? String, let password = body["password"] as? String,
                    password.count >= 12, body["company"] is String, body["name"] is String
                else { return error(400, "invalid_signup") }
                if state.users.values.contains(where: { $0.email == email }) { return error(409, "email_taken") }
                let tenant = state.makeID()
                let id = state.makeID()
                state.users[id] = User(id: id, tenant: tenant, email: email, password: password, role: "admin")
                return (201, ["tenant_id": tenant, "user_id": id])
            case ("POST", "/api/auth/login"):
                guard let body, Set(body.keys) == ["email", "password"] else { return error(400, "invalid_login") }
                guard let user = state.users.values.first(where: { $0.email == body["email"] as? String }),
                    user.password == body["password"] as? String, user.active
                else { return error(401, "invalid_credentials") }
                let token = UUID().uuidString
                state.sessions[token] = user.id
                return (
                    200,
                    [
                        "token": token, "expires_at": now, "user_id": user.id, "tenant_id": user.tenant,
                        "role": user.role,
                    ]
                )
            default:
                break
            }
            guard let token = headers["authorization"]?.split(separator: " ").last.map(String.init),
                let userID = state.sessions[token], let user = state.users[userID], user.active
            else { return error(401, "unauthenticated") }
            return authenticated(
                method: method, route: route, path: path, user: user, token: token, body: body, now: now,
                state: &state)
        }

        private static func authenticated(
            method: String, route: String, path: String, user: User, token: String, body: [String: Any]?,
            now: String, state: inout State
        ) -> Answer {
            let pathID = path.split(separator: "?")[0].split(separator: "/").compactMap { Int($0) }.first
            switch (method, route) {
            case ("POST", "/api/auth/logout"):
                state.sessions[token] = nil
                return (204, nil)
            case ("POST", "/api/clients"):
                guard user.role != "client" else { return error(403, "forbidden") }
                guard let body, Set(body.keys) == ["name"], let name = body["name"] as? String else {
                    return error(400, "invalid_client")
                }
                let id = state.makeID()
                state.clients[id] = (user.tenant, name)
                return (201, ["id": id, "name": name, "created_at": now])
            case ("GET", "/api/clients"):
                let results = state.clients.filter { $0.value.tenant == user.tenant }.map {
                    ["id": $0.key, "name": $0.value.name]
                }
                return (200, ["results": results])
            case ("POST", "/api/users"):
                return createUser(by: user, body: body, now: now, state: &state)
            case ("PATCH", "/api/users/{id}"):
                guard user.role == "admin" else { return error(403, "forbidden") }
                guard let pathID, var target = state.users[pathID], target.tenant == user.tenant else {
                    return error(404, "not_found")
                }
                guard let body, Set(body.keys).isSubset(of: ["active"]), let active = body["active"] as? Bool else {
                    return error(400, "invalid_user")
                }
                target.active = active
                state.users[pathID] = target
                return (200, ["id": pathID, "email": target.email, "role": target.role, "active": active])
            case ("POST", "/api/tickets"):
                return createTicket(by: user, body: body, now: now, state: &state)
            case ("GET", "/api/tickets"):
                return search(by: user, path: path, state: state)
            default:
                return ticketRoute(
                    method: method, route: route, id: pathID, user: user, body: body, now: now, state: &state)
            }
        }
    }
}
