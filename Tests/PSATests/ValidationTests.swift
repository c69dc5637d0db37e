import Foundation
import HTTPTypes
import Testing

/// Malformed, oversized and hostile input gets a clear 4xx naming the problem, and changes nothing.
@Suite("Request validation", .timeLimit(.minutes(3)))
struct ValidationTests {
    @Test(
        "bodies that cannot be a ticket",
        arguments: [
            ("not json", "invalid_field", "The body is not valid JSON."),
            (#"["title"]"#, "invalid_field", "The body must be a JSON object."),
            (#"{}"#, "invalid_field", "'title' is required."),
            (#"{"title": 42}"#, "invalid_field", "'title' must be a string."),
            (#"{"title": null}"#, "invalid_field", "'title' must not be null."),
            (#"{"title": "   "}"#, "invalid_field", "'title' must not be empty."),
            (#"{"title": "a\u0000b"}"#, "invalid_field", "'title' must not contain control characters."),
            (
                #"{"title": "ok", "priority": "whenever"}"#, "invalid_field",
                "'priority' must be one of low, medium, high, urgent."
            ),
            (#"{"title": "ok", "assignee_id": "1 OR 1=1"}"#, "invalid_field", "'assignee_id' is not a valid id."),
            (
                #"{"title": "ok", "tenant_id": "x", "number": 7}"#, "unknown_field",
                #"Unknown fields "number", "tenant_id"; accepted: title, description, priority, category, subcategory, source, assignee_id, client_id, board_id."#
            ),
        ])
    func malformedTickets(body: String, code: String, detail: String) async throws {
        try await TestPSA.run { psa, client in
            let admin = try await client.signUp()
            let response = try await client.call(.post, "/api/tickets", token: admin.token, json: body)
            #expect(response.status == .badRequest)
            #expect(response["type"] as? String == "validation_error")
            #expect(response["code"] as? String == code)
            #expect(response["detail"] as? String == detail, "\(response.text)")
            let stored = try await psa.psa.database.query("SELECT COUNT(*) AS count FROM tickets")
            #expect(try stored.first?.integer("count") == 0)
        }
    }

    @Test func tooLongFieldsAndBodies() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let long = String(repeating: "é", count: 201)
            let title = try await client.call(
                .post, "/api/tickets", token: admin.token, json: #"{"title": "\#(long)"}"#)
            #expect(title["detail"] as? String == "'title' must be at most 200 characters.")
            let huge = String(repeating: "a", count: 2 << 20)
            let body = try await client.call(
                .post, "/api/tickets", token: admin.token, json: #"{"title": "x", "description": "\#(huge)"}"#)
            #expect(body.status == .contentTooLarge)
            #expect(body["code"] as? String == "body_too_large")
        }
    }

    @Test(
        "search parameters are checked",
        arguments: [
            ("limit=0", "'limit' must be a whole number from 1 to 100."),
            ("limit=101", "'limit' must be a whole number from 1 to 100."),
            ("limit=ten", "'limit' must be a whole number from 1 to 100."),
            ("status=open", "'status' must be one of new, in_progress, waiting_on_client, resolved, closed."),
            ("include_closed=maybe", "'include_closed' must be true or false."),
            ("cursor=abc", "'cursor' is not a cursor this service returned."),
            ("assigned_to=bob", "'assigned_to' is not a valid id."),
            ("sort=title", "'sort' must be one of newest, priority, relevance."),
            (
                "order=title",
                #"Unknown parameter "order"; accepted: assigned_to, client, cursor, include_closed, limit, priority, q, sort, status."#
            ),
        ])
    func badSearches(query: String, detail: String) async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let response = try await client.call(.get, "/api/tickets?\(query)", token: admin.token)
            #expect(response.status == .badRequest)
            #expect(response["detail"] as? String == detail, "\(response.text)")
        }
    }

    @Test func signUpRules() async throws {
        try await TestPSA.run { _, client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (
                    #"{"company": "A", "email": "ann", "password": "long enough pw", "name": "A"}"#, .badRequest,
                    "'email' is not a valid email address."
                ),
                (
                    #"{"company": "A", "email": "a@b.test", "password": "short", "name": "A"}"#, .badRequest,
                    "'password' must be at least 10 characters."
                ),
                (
                    #"{"company": "A", "email": "a@b.test", "password": "\#(String(repeating: "p", count: 73))", "name": "A"}"#,
                    .badRequest, "'password' must be at most 72 bytes."
                ),
                (
                    #"{"company": "", "email": "a@b.test", "password": "long enough pw", "name": "A"}"#, .badRequest,
                    "'company' must not be empty."
                ),
            ]
            for (body, status, detail) in cases {
                let response = try await client.call(.post, "/api/auth/signup", json: body)
                #expect(response.status == status)
                #expect(response["detail"] as? String == detail, "\(response.text)")
            }
            _ = try await client.signUp(email: "dup@acme.test")
            let duplicate = try await client.call(
                .post, "/api/auth/signup",
                json: #"{"company": "B", "email": "DUP@acme.test", "password": "long enough pw", "name": "B"}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate["code"] as? String == "email_taken")
        }
    }

    @Test func simulatedTimeIsCheckedAndIgnoredUnlessEnabled() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            let name = HTTPField.Name("X-Simulated-Time")!
            for value in ["yesterday", "2999-01-01T00:00:00Z", "1969-12-31T23:59:59Z"] {
                let response = try await client.call(.get, "/api/tickets", token: admin.token, headers: [name: value])
                #expect(response.status == .badRequest, "\(value)")
            }
        }
        try await TestPSA.run(configure: { $0.acceptsSimulatedTime = false }) { _, client in
            let admin = try await client.signUp()
            let past = Date(timeIntervalSince1970: 1_700_000_000)
            let ticket = try await client.createTicket(by: admin, json: #"{"title": "x"}"#, at: past)
            #expect(ticket["entered_at"] as? String != "2023-11-14T22:13:20Z")
        }
    }
}
