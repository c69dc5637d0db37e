import Foundation
import HTTPTypes
import Testing

/// A user never sees or changes another tenant's data, on any route; a client contact sees only their company's.
@Suite("Tenant isolation and roles", .timeLimit(.minutes(3)))
struct TenantIsolationTests {
    @Test(arguments: Engine.available)
    func anotherTenantsDataIsInvisibleOnEveryRoute(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { _, client in
            let acme = try await client.signUp(company: "Acme", email: "ann@acme.test")
            let globex = try await client.signUp(company: "Globex", email: "gus@globex.test")
            let acmeAgent = try await client.addUser(by: acme, email: "bo@acme.test", role: "agent")
            let acmeClient = try await client.addClient(by: acme, name: "Acme Customer")
            let ticket = try await client.createTicket(by: acme, json: #"{"title": "Acme's secret outage"}"#)
            let id = try #require(ticket["id"] as? String)
            let foreign: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/tickets/\(id)", nil),
                (.patch, "/api/tickets/\(id)", #"{"status": "closed"}"#),
                (.delete, "/api/tickets/\(id)", nil),
                (.get, "/api/tickets/\(id)/comments", nil),
                (.post, "/api/tickets/\(id)/comments", #"{"body": "hi"}"#),
                (.patch, "/api/users/\(acmeAgent.userID)", #"{"active": false}"#),
            ]
            for (method, path, body) in foreign {
                let response = try await client.call(method, path, token: globex.token, json: body)
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
            }
            let search = try await client.call(.get, "/api/tickets?include_closed=true&q=secret", token: globex.token)
            #expect(search.results.isEmpty)
            #expect(try await client.call(.get, "/api/users", token: globex.token).results.count == 1)
            #expect(try await client.call(.get, "/api/clients", token: globex.token).results.isEmpty)
            // Ids of another tenant cannot be referenced either.
            let borrowed = try await client.call(
                .post, "/api/tickets", token: globex.token,
                json: #"{"title": "x", "assignee_id": "\#(acmeAgent.userID)"}"#)
            #expect(borrowed.status == .badRequest)
            let borrowedClient = try await client.call(
                .post, "/api/tickets", token: globex.token, json: #"{"title": "x", "client_id": "\#(acmeClient)"}"#)
            #expect(borrowedClient.status == .badRequest)
            let user = try await client.call(
                .post, "/api/users", token: globex.token,
                json:
                    #"{"email": "c@globex.test", "name": "C", "password": "long enough pw", "role": "client", "client_id": "\#(acmeClient)"}"#
            )
            #expect(user.status == .notFound)
            // And Acme's ticket is untouched.
            let stored = try await client.call(.get, "/api/tickets/\(id)", token: acme.token)
            #expect(stored["status"] as? String == "new")
            #expect(try await client.call(.get, "/api/tickets/\(id)/comments", token: acme.token).results.isEmpty)
        }
    }

    @Test func clientContactsSeeOnlyTheirCompanysTicketsAndNoInternalNotes() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let initech = try await client.addClient(by: admin, name: "Initech")
            let umbrella = try await client.addClient(by: admin, name: "Umbrella")
            let contact = try await client.addUser(
                by: admin, email: "bill@initech.test", role: "client", clientID: initech)
            let theirs = try await client.createTicket(
                by: admin, json: #"{"title": "Initech VPN", "client_id": "\#(initech)"}"#)
            let other = try await client.createTicket(
                by: admin, json: #"{"title": "Umbrella VPN", "client_id": "\#(umbrella)"}"#)
            let theirsID = try #require(theirs["id"] as? String)
            let otherID = try #require(other["id"] as? String)
            _ = try await client.call(
                .post, "/api/tickets/\(theirsID)/comments", token: admin.token,
                json: #"{"body": "client is difficult", "internal": true}"#)
            _ = try await client.call(
                .post, "/api/tickets/\(theirsID)/comments", token: admin.token, json: #"{"body": "We are on it"}"#)

            let list = try await client.call(.get, "/api/tickets?q=vpn", token: contact.token)
            #expect(list.results.compactMap { $0["id"] as? String } == [theirsID])
            #expect(try await client.call(.get, "/api/tickets/\(otherID)", token: contact.token).status == .notFound)
            let comments = try await client.call(.get, "/api/tickets/\(theirsID)/comments", token: contact.token)
            #expect(comments.results.compactMap { $0["body"] as? String } == ["We are on it"])
            #expect(try await client.call(.get, "/api/clients", token: contact.token).results.count == 1)

            let opened = try await client.createTicket(by: contact, json: #"{"title": "Printer"}"#)
            #expect(opened["client_id"] as? String == initech)
            #expect(opened["source"] as? String == "client_portal")
            let forbidden: [(HTTPRequest.Method, String, String?)] = [
                (.patch, "/api/tickets/\(theirsID)", #"{"status": "closed"}"#),
                (.delete, "/api/tickets/\(theirsID)", nil),
                (.post, "/api/tickets/\(theirsID)/comments", #"{"body": "x", "internal": true}"#),
                (.post, "/api/tickets", #"{"title": "x", "client_id": "\#(umbrella)"}"#),
                (.post, "/api/clients", #"{"name": "Mine"}"#),
                (.get, "/api/users", nil),
            ]
            for (method, path, body) in forbidden {
                let response = try await client.call(method, path, token: contact.token, json: body)
                #expect(response.status == .forbidden, "\(method) \(path): \(response.text)")
            }
        }
    }

    @Test func agentsCannotManageUsers() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            let create = try await client.call(
                .post, "/api/users", token: agent.token,
                json: #"{"email": "x@acme.test", "name": "X", "password": "long enough pw", "role": "admin"}"#)
            #expect(create.status == .forbidden)
            #expect(try await client.call(.get, "/api/users", token: agent.token).status == .forbidden)
        }
    }
}
