import Foundation
import HTTPTypes
import Testing

/// Another tenant's time, sheets, rules and invoices answer 404 on every route, exactly like missing ones, and
/// change nothing; agents see only their own time; client users reach none of it.
@Suite("Time and billing isolation and roles", .timeLimit(.minutes(3)))
struct TimeBillingIsolationTests {
    typealias Setup = BillingSetup

    @Test(arguments: Engine.available)
    func anotherTenantsIDsAreNotFound(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let acme = try await client.billingSetup()
            let globex = try await client.billingSetup(company: "Globex", email: "gus@globex.test")
            let entry = try await client.logTime(
                by: acme.agent,
                json: """
                    {"ticket_id": "\(acme.ticketID)", "started_at": "\(Setup.time(9))", "duration_minutes": 60,
                     "billable": true, "service_id": "\(acme.serviceID)"}
                    """)
            let entryID = try #require(entry["id"] as? String)
            let sheetID = try #require(try await client.submitWeek(by: acme.agent)["id"] as? String)
            _ = try await client.call(.post, "/api/timesheets/\(sheetID)/approve", token: acme.admin.token)
            let rule = try await client.call(
                .post, "/api/billing-rules", token: acme.admin.token,
                json: """
                    {"client_id": "\(acme.clientID)", "service_id": "\(acme.serviceID)", "rule_type": "fixed",
                     "rate_minor": 100}
                    """)
            let ruleID = try #require(rule["id"] as? String)
            let invoice = try await client.call(
                .post, "/api/invoices", token: acme.admin.token,
                json: #"{"client_id": "\#(acme.clientID)", "period_start": "2026-09-21", "period_end": "2026-09-27"}"#)
            let invoiceID = try #require(invoice["id"] as? String)
            let foreign: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/time-entries/\(entryID)", nil),
                (.patch, "/api/time-entries/\(entryID)", #"{"notes": "mine"}"#),
                (.delete, "/api/time-entries/\(entryID)", nil),
                (.get, "/api/timesheets/\(sheetID)", nil),
                (.post, "/api/timesheets/\(sheetID)/approve", nil),
                (.post, "/api/timesheets/\(sheetID)/reject", #"{"reason": "no"}"#),
                (.post, "/api/timesheets/\(sheetID)/reopen", nil),
                (.post, "/api/timesheets/approve", #"{"ids": ["\#(sheetID)"]}"#),
                (.patch, "/api/billing-rules/\(ruleID)", #"{"rate_minor": 1}"#),
                (.get, "/api/invoices/\(invoiceID)", nil),
                (.post, "/api/invoices/\(invoiceID)/send", #"{"method": "email"}"#),
                (.post, "/api/invoices/\(invoiceID)/payments", #"{"amount_minor": 1, "method": "cash"}"#),
                (.get, "/api/invoices/\(invoiceID)/payments", nil),
            ]
            for (method, path, body) in foreign {
                let response = try await client.call(method, path, token: globex.admin.token, json: body)
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                #expect(response["type"] as? String == "not_found")
            }
            let lists = [
                "/api/time-entries?user_id=\(acme.agent.userID)&from=2026-09-01&to=2026-09-30", "/api/timesheets",
                "/api/billing-rules", "/api/invoices", "/api/invoices?client_id=\(acme.clientID)",
            ]
            for path in lists {
                let response = try await client.call(.get, path, token: globex.admin.token)
                #expect(response.status == .ok, "\(path)")
                #expect(response.results.isEmpty, "\(path): \(response.text)")
            }
            #expect(try await client.call(.get, "/api/services", token: globex.admin.token).results.count == 1)
            // Acme's data is untouched.
            let stored = try await client.call(.get, "/api/invoices/\(invoiceID)", token: acme.admin.token)
            #expect(stored["paid_minor"] as? Int == 0)
            #expect(stored["sent_at"] is NSNull)
            #expect(try await client.call(.get, "/api/time-entries/\(entryID)", token: acme.agent.token).status == .ok)
            let names = try await psa.events().map(\.name)
            #expect(!names.contains("invoice_sent") && !names.contains("payment_processed"))
            #expect(!names.contains("billing_rule_updated") && !names.contains("time_entry_deleted"))
        }
    }

    @Test func agentsSeeTheirOwnTimeAndClientUsersNone() async throws {
        try await TestPSA.run { _, client in
            let setup = try await client.billingSetup()
            let entry = try await client.logTime(
                by: setup.admin,
                json: #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 60}"#
            )
            let entryID = try #require(entry["id"] as? String)
            #expect(
                try await client.call(.get, "/api/time-entries/\(entryID)", token: setup.agent.token).status
                    == .notFound)
            let others = try await client.call(
                .get, "/api/time-entries?user_id=\(setup.admin.userID)", token: setup.agent.token)
            #expect(others.status == .forbidden)
            let approve = try await client.call(
                .post, "/api/timesheets/approve", token: setup.agent.token,
                json: #"{"ids": ["00000000-0000-4000-8000-000000000000"]}"#)
            #expect(approve.status == .forbidden)
            let invoice = try await client.call(
                .post, "/api/invoices", token: setup.agent.token,
                json: #"{"client_id": "\#(setup.clientID)", "period_start": "2026-09-01", "period_end": "2026-09-30"}"#)
            #expect(invoice.status == .forbidden)
            let contact = try await client.addUser(
                by: setup.admin, email: "jane@globex.test", role: "client", clientID: setup.clientID)
            let refused: [(HTTPRequest.Method, String, String?)] = [
                (
                    .post, "/api/time-entries",
                    #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 5}"#
                ),
                (.get, "/api/time-entries", nil), (.post, "/api/timesheets/submit", "{}"),
                (.get, "/api/timesheets", nil),
                (.get, "/api/services", nil), (.get, "/api/billing-rules", nil), (.get, "/api/invoices", nil),
            ]
            for (method, path, body) in refused {
                let response = try await client.call(method, path, token: contact.token, json: body)
                #expect(response.status == .forbidden, "\(method) \(path): \(response.text)")
            }
            let anonymous = try await client.call(.get, "/api/invoices")
            #expect(anonymous.status == .unauthorized)
        }
    }
}
