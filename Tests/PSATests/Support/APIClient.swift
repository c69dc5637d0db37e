import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A response decoded for assertions: status, headers and the JSON body as plain values.
struct APIResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Any?
    let text: String

    /// The body as an object.
    var object: [String: Any] { body as? [String: Any] ?? [:] }

    subscript(key: String) -> Any? { object[key] }

    /// `results` of a list response.
    var results: [[String: Any]] { object["results"] as? [[String: Any]] ?? [] }
}

/// A signed-up tenant's admin, signed in.
struct Account {
    let tenantID: String
    let userID: String
    let email: String
    let password: String
    let token: String
}

extension TestClientProtocol {
    /// Sends `body` (JSON text) with an optional bearer token and simulated time.
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json body: String? = nil,
        at time: Date? = nil, headers extra: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        if let time {
            headers[HTTPField.Name("X-Simulated-Time")!] = time.formatted(.iso8601)
        }
        return try await execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let text = String(buffer: response.body)
            let json = text.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(text.utf8))
            return APIResponse(status: response.status, headers: response.headers, body: json, text: text)
        }
    }

    /// Signs up a company and signs its admin in.
    func signUp(company: String = "Acme IT", email: String = "ann@acme.test", name: String = "Ann Admin") async throws
        -> Account
    {
        let password = "correct horse battery"
        let signUp = try await call(
            .post, "/api/auth/signup",
            json: #"{"company": "\#(company)", "email": "\#(email)", "password": "\#(password)", "name": "\#(name)"}"#)
        #expect(signUp.status == .created, "\(signUp.text)")
        let token = try await logIn(email: email, password: password)
        return Account(
            tenantID: signUp["tenant_id"] as? String ?? "", userID: signUp["user_id"] as? String ?? "", email: email,
            password: password, token: token)
    }

    /// Signs in and returns the session token.
    func logIn(email: String, password: String) async throws -> String {
        let login = try await call(
            .post, "/api/auth/login", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        #expect(login.status == .ok, "\(login.text)")
        return login["token"] as? String ?? ""
    }

    /// Creates a user in the admin's tenant and signs them in.
    func addUser(
        by admin: Account, email: String, role: String, clientID: String? = nil, name: String = "Bo Agent"
    ) async throws -> Account {
        let password = "another long secret"
        let client = clientID.map { #", "client_id": "\#($0)""# } ?? ""
        let created = try await call(
            .post, "/api/users", token: admin.token,
            json:
                #"{"email": "\#(email)", "name": "\#(name)", "password": "\#(password)", "role": "\#(role)"\#(client)}"#
        )
        #expect(created.status == .created, "\(created.text)")
        let token = try await logIn(email: email, password: password)
        return Account(
            tenantID: admin.tenantID, userID: created["id"] as? String ?? "", email: email, password: password,
            token: token)
    }

    /// Creates a client company and returns its id.
    func addClient(by account: Account, name: String = "Globex") async throws -> String {
        let created = try await call(.post, "/api/clients", token: account.token, json: #"{"name": "\#(name)"}"#)
        #expect(created.status == .created, "\(created.text)")
        return created["id"] as? String ?? ""
    }

    /// Creates a ticket from a JSON body and returns it.
    func createTicket(by account: Account, json: String, at time: Date? = nil) async throws -> [String: Any] {
        let created = try await call(.post, "/api/tickets", token: account.token, json: json, at: time)
        #expect(created.status == .created, "\(created.text)")
        return created.object
    }
}
