import Foundation
import HummingbirdTesting
import Testing

/// The rules that locks keep, under concurrent requests on both engines: one of many overlapping entries, invoice
/// numbers without gaps or repeats, time billed once, payments never beyond the balance.
@Suite("Time and billing under concurrency", .timeLimit(.minutes(3)))
struct TimeBillingConcurrencyTests {
    typealias Setup = BillingSetup

    /// What a test reads of one of many concurrent answers.
    struct Outcome: Sendable {
        let status: Int
        let code: String?
        let number: Int?
    }

    /// Sends `count` requests at once and returns what each got.
    static func concurrently(
        _ count: Int, _ request: @escaping @Sendable (Int) async throws -> APIResponse
    ) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    let response = try await request(index)
                    return Outcome(
                        status: Int(response.status.code), code: response["code"] as? String,
                        number: response["number"] as? Int)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(arguments: Engine.available)
    func oneOfManyOverlappingEntriesIsKept(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let responses = try await Self.concurrently(12) { index in
                try await client.call(
                    .post, "/api/time-entries", token: setup.agent.token,
                    json: """
                        {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(9 + Double(index) / 60))",
                         "duration_minutes": 30}
                        """)
            }
            #expect(responses.filter { $0.status == 201 }.count == 1)
            #expect(responses.filter { $0.code == "overlapping_entry" }.count == 11)
            #expect(try await psa.events(named: "time_entry_created").count == 1)
        }
    }

    @Test(arguments: Engine.available)
    func overlappingBulkApprovalsApproveEachSheetOnce(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            var sheets: [String] = []
            for account in [setup.agent, setup.admin] {
                try await client.logTime(
                    by: account,
                    json:
                        #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 30}"#
                )
                sheets.append(try await client.submitWeek(by: account)["id"] as? String ?? "")
            }
            let orders = [sheets, sheets.reversed(), sheets, sheets.reversed()]
            let responses = try await Self.concurrently(orders.count) { [orders] index in
                let ids = orders[index].map { #""\#($0)""# }.joined(separator: ", ")
                return try await client.call(
                    .post, "/api/timesheets/approve", token: setup.admin.token, json: #"{"ids": [\#(ids)]}"#)
            }
            #expect(responses.filter { $0.status == 200 }.count == 1)
            #expect(responses.filter { $0.code == "not_submitted" }.count == orders.count - 1)
            let approvals = try await psa.events(named: "time_sheet_approved")
            #expect(approvals.count == 2)
            #expect(approvals.allSatisfy { $0.eventProperties["approval_type"] == "bulk" })
        }
    }

    @Test(arguments: Engine.available)
    func invoiceNumbersHaveNoGapsAndTimeIsBilledOnce(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            var clients = [setup.clientID]
            for index in 1..<6 { clients.append(try await client.addClient(by: setup.admin, name: "Client \(index)")) }
            for (index, clientID) in clients.enumerated() {
                let ticket = try await client.createTicket(
                    by: setup.admin, json: #"{"title": "Work \#(index)", "client_id": "\#(clientID)"}"#)
                try await client.logTime(
                    by: setup.agent,
                    json: """
                        {"ticket_id": "\(ticket["id"] as? String ?? "")", "started_at": "\(Setup.time(8 + Double(index)))",
                         "duration_minutes": 45, "billable": true, "service_id": "\(setup.serviceID)"}
                        """)
            }
            let sheet = try await client.submitWeek(by: setup.agent)
            _ = try await client.call(
                .post, "/api/timesheets/\(sheet["id"] as? String ?? "")/approve", token: setup.admin.token)
            // Every client twice at once: one of each pair bills the time, the other finds nothing left.
            let responses = try await Self.concurrently(clients.count * 2) { [clients] index in
                try await client.call(
                    .post, "/api/invoices", token: setup.admin.token,
                    json: """
                        {"client_id": "\(clients[index % clients.count])", "period_start": "2026-09-21",
                         "period_end": "2026-09-27"}
                        """)
            }
            let numbers = responses.compactMap(\.number)
            #expect(numbers.sorted() == Array(1...clients.count))
            #expect(responses.filter { $0.code == "nothing_to_invoice" }.count == clients.count)
            let billed = try await psa.psa.database.query(
                "SELECT COUNT(DISTINCT invoice_id) AS invoices, COUNT(*) AS entries FROM time_entries")
            #expect(try billed.first?.integer("invoices") == Int64(clients.count))
            #expect(try billed.first?.integer("entries") == Int64(clients.count))
            // The next invoice continues the sequence: refused attempts used no number.
            try await client.logTime(
                by: setup.agent,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(8, day: 7))", "duration_minutes": 30,
                     "billable": true, "service_id": "\(setup.serviceID)"}
                    """, at: Setup.friday.addingTimeInterval(7 * 86_400))
            let next = try await client.call(
                .post, "/api/timesheets/submit", token: setup.agent.token, json: #"{"period_start": "2026-09-28"}"#)
            _ = try await client.call(
                .post, "/api/timesheets/\(next["id"] as? String ?? "")/approve", token: setup.admin.token)
            let last = try await client.call(
                .post, "/api/invoices", token: setup.admin.token,
                json: #"{"client_id": "\#(setup.clientID)", "period_start": "2026-09-28", "period_end": "2026-10-04"}"#)
            #expect(last["number"] as? Int == clients.count + 1)
            #expect(try await psa.events(named: "invoice_generated").count == clients.count + 1)
        }
    }

    @Test(arguments: Engine.available)
    func concurrentPaymentsNeverExceedTheBalance(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            try await client.logTime(
                by: setup.agent,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(9))", "duration_minutes": 60,
                     "billable": true, "service_id": "\(setup.serviceID)"}
                    """)
            let sheet = try await client.submitWeek(by: setup.agent)
            _ = try await client.call(
                .post, "/api/timesheets/\(sheet["id"] as? String ?? "")/approve", token: setup.admin.token)
            let invoice = try await client.call(
                .post, "/api/invoices", token: setup.admin.token,
                json: #"{"client_id": "\#(setup.clientID)", "period_start": "2026-09-21", "period_end": "2026-09-27"}"#)
            let path = "/api/invoices/\(invoice["id"] as? String ?? "")"
            #expect(invoice["total_minor"] as? Int == 12_000)
            let responses = try await Self.concurrently(10) { _ in
                try await client.call(
                    .post, "\(path)/payments", token: setup.admin.token,
                    json: #"{"amount_minor": 3000, "method": "cash"}"#)
            }
            #expect(responses.filter { $0.status == 201 }.count == 4)
            #expect(responses.filter { $0.code == "exceeds_balance" }.count == 6)
            let stored = try await client.call(.get, path, token: setup.admin.token)
            #expect(stored["paid_minor"] as? Int == 12_000)
            #expect(stored["status"] as? String == "paid")
            let partial = try await psa.events(named: "payment_processed").map { $0.eventProperties["is_partial"] }
            #expect(partial.count == 4)
            #expect(partial.filter { $0 == false }.count == 1, "only the last payment settles the invoice")
        }
    }
}
