import Foundation
import Testing

/// Search: text over title, number and description, the filters, and stable cursor pages.
@Suite("Ticket search", .timeLimit(.minutes(3)))
struct SearchTests {
    @Test(arguments: Engine.available)
    func filtersAndPages(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { _, client in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            let globex = try await client.addClient(by: admin)
            var ids: [String] = []
            for index in 1...7 {
                let assignee = index.isMultiple(of: 2) ? #", "assignee_id": "\#(agent.userID)""# : ""
                let company = index <= 3 ? #", "client_id": "\#(globex)""# : ""
                let priority = index == 5 ? "urgent" : "low"
                let ticket = try await client.createTicket(
                    by: admin,
                    json:
                        #"{"title": "Ticket \#(index) 100% done_ish", "priority": "\#(priority)"\#(assignee)\#(company)}"#
                )
                ids.append(ticket["id"] as? String ?? "")
            }
            _ = try await client.call(
                .patch, "/api/tickets/\(ids[6])", token: admin.token, json: #"{"status": "closed"}"#)

            func search(_ query: String) async throws -> [String] {
                let response = try await client.call(.get, "/api/tickets?\(query)", token: admin.token)
                #expect(response.status == .ok, "\(response.text)")
                return response.results.compactMap { $0["id"] as? String }
            }
            #expect(try await search("") == Array(ids[0..<6].reversed()))
            #expect(try await search("include_closed=true") == Array(ids.reversed()))
            #expect(try await search("status=closed") == [ids[6]])
            #expect(try await search("priority=urgent") == [ids[4]])
            #expect(try await search("client=\(globex)") == Array(ids[0..<3].reversed()))
            #expect(try await search("assigned_to=\(agent.userID)") == [ids[5], ids[3], ids[1]])
            #expect(try await search("assigned_to=unassigned") == [ids[4], ids[2], ids[0]])
            #expect(try await search("q=%233") == [ids[2]])
            #expect(try await search("q=ticket%204") == [ids[3]])
            // LIKE's wildcards are literal characters in a query.
            #expect(try await search("q=100%25") == Array(ids[0..<6].reversed()))
            #expect(try await search("q=0%25%20d") == Array(ids[0..<6].reversed()))
            #expect(try await search("q=t_4") == [])

            var pages: [[String]] = []
            var cursor: String? = nil
            repeat {
                let suffix = cursor.map { "&cursor=\($0)" } ?? ""
                let page = try await client.call(
                    .get, "/api/tickets?include_closed=true&limit=3\(suffix)", token: admin.token)
                pages.append(page.results.compactMap { $0["id"] as? String })
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(pages == [[ids[6], ids[5], ids[4]], [ids[3], ids[2], ids[1]], [ids[0]]])
        }
    }
}
