import Foundation
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Services, per-client rates, invoices from approved time, delivery and payments over HTTP on both engines, with
/// their events on the wire.
@Suite("Billing", .timeLimit(.minutes(3)))
struct BillingTests {
    typealias Setup = BillingSetup

    /// An hourly rule for the setup's client and service: 90.00 an hour, at least 30 minutes, in 15-minute steps.
    static func hourlyRule(_ setup: Setup, client: some TestClientProtocol) async throws -> String {
        let rule = try await client.call(
            .post, "/api/billing-rules", token: setup.admin.token,
            json: """
                {"client_id": "\(setup.clientID)", "service_id": "\(setup.serviceID)", "rule_type": "hourly",
                 "rate_minor": 9000, "minimum_minutes": 30, "rounding_minutes": 15}
                """)
        #expect(rule.status == .created, "\(rule.text)")
        return rule["id"] as? String ?? ""
    }

    /// Logs billable minutes on the setup's ticket, one entry a day from Monday 08:00 of `week` (0: 2026-09-21).
    static func logBillable(
        _ minutes: [Int], week: Int = 0, by account: Account, setup: Setup, client: some TestClientProtocol
    ) async throws {
        for (index, length) in minutes.enumerated() {
            try await client.logTime(
                by: account,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(8, day: week * 7 + index))",
                     "duration_minutes": \(length), "billable": true, "service_id": "\(setup.serviceID)"}
                    """, at: Setup.friday.addingTimeInterval(Double(week) * 7 * 86_400))
        }
    }

    /// Submits and approves the account's sheet of `week`.
    static func approveWeek(
        _ week: Int, of account: Account, setup: Setup, client: some TestClientProtocol
    ) async throws {
        let day = FieldDay.text(Setup.monday.addingTimeInterval(Double(week) * 7 * 86_400))
        let submitted = try await client.call(
            .post, "/api/timesheets/submit", token: account.token, json: #"{"period_start": "\#(day)"}"#)
        let id = try #require(submitted["id"] as? String, "\(submitted.text)")
        let approved = try await client.call(.post, "/api/timesheets/\(id)/approve", token: setup.admin.token)
        #expect(approved.status == .ok, "\(approved.text)")
    }

    @Test(arguments: Engine.available)
    func billingRulesCreatedAndUpdated(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let id = try await Self.hourlyRule(setup, client: client)
            let path = "/api/billing-rules/\(id)"
            for body in [
                #"{"rate_minor": 9500}"#, #"{"rate_minor": 9500}"#, #"{"rounding_minutes": 6}"#,
                #"{"rule_type": "fixed", "rate_minor": 50000}"#,
            ] {
                let response = try await client.call(.patch, path, token: setup.admin.token, json: body)
                #expect(response.status == .ok, "\(body): \(response.text)")
            }
            let duplicate = try await client.call(
                .post, "/api/billing-rules", token: setup.admin.token,
                json: """
                    {"client_id": "\(setup.clientID)", "service_id": "\(setup.serviceID)", "rule_type": "fixed",
                     "rate_minor": 1}
                    """)
            #expect(duplicate.status == .conflict)
            #expect(duplicate["code"] as? String == "rule_exists")
            let byAgent = try await client.call(.patch, path, token: setup.agent.token, json: #"{"rate_minor": 1}"#)
            #expect(byAgent.status == .forbidden)
            #expect(
                try await psa.events(named: "billing_rule_created").map(\.eventProperties) == [["rule_type": "hourly"]])
            #expect(
                try await psa.events(named: "billing_rule_updated").map(\.eventProperties) == [
                    ["rule_type": "hourly", "updated_fields": ["rate"]],
                    ["rule_type": "hourly", "updated_fields": ["rate"]],
                    ["rule_type": "fixed", "updated_fields": ["rule_type", "rate"]],
                ])
            let listed = try await client.call(
                .get, "/api/billing-rules?client_id=\(setup.clientID)", token: setup.agent.token)
            #expect(listed.results.map { $0["rate_minor"] as? Int } == [50_000])
        }
    }

    @Test(arguments: Engine.available)
    func invoicesBillOnlyApprovedBillableTimeOnceWithGaplessNumbers(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            _ = try await Self.hourlyRule(setup, client: client)
            // Week 1, approved: 10 (→ 30), 50 (→ 60) and 61 (→ 75) minutes bill 165 minutes at 90.00 = 247.50.
            try await Self.logBillable([10, 50, 61], by: setup.agent, setup: setup, client: client)
            try await client.logTime(
                by: setup.agent,
                json:
                    #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(15))", "duration_minutes": 40}"#)
            try await Self.approveWeek(0, of: setup.agent, setup: setup, client: client)
            // Week 2: submitted, not approved.
            try await Self.logBillable([120], week: 1, by: setup.agent, setup: setup, client: client)
            let pending = try await client.call(
                .post, "/api/timesheets/submit", token: setup.agent.token, json: #"{"period_start": "2026-09-28"}"#)
            let pendingID = try #require(pending["id"] as? String)
            let september = """
                {"client_id": "\(setup.clientID)", "period_start": "2026-09-01", "period_end": "2026-10-31",
                 "tax_basis_points": 825}
                """
            let first = try await client.call(.post, "/api/invoices", token: setup.admin.token, json: september)
            #expect(first.status == .created, "\(first.text)")
            #expect(first["number"] as? Int == 1)
            #expect(first["status"] as? String == "draft")
            #expect(first["subtotal_minor"] as? Int == 24_750)
            // 24,750 × 8.25 % = 2,041.875 → 2,042 (half up, once).
            #expect(first["tax_minor"] as? Int == 2_042)
            #expect(first["total_minor"] as? Int == 26_792)
            #expect(first["balance_minor"] as? Int == 26_792)
            let lines = first["lines"] as? [[String: Any]] ?? []
            #expect(lines.count == 1)
            #expect(lines.first?["worked_minutes"] as? Int == 121)
            #expect(lines.first?["billed_minutes"] as? Int == 165)
            #expect(lines.first?["description"] as? String == "Remote support")
            // Nothing left: refused, and the number is not used up.
            let again = try await client.call(.post, "/api/invoices", token: setup.admin.token, json: september)
            #expect(again.status == .conflict)
            #expect(again["code"] as? String == "nothing_to_invoice")
            let approved = try await client.call(
                .post, "/api/timesheets/\(pendingID)/approve", token: setup.admin.token)
            #expect(approved.status == .ok)
            let second = try await client.call(.post, "/api/invoices", token: setup.admin.token, json: september)
            #expect(second["number"] as? Int == 2)
            #expect(second["total_minor"] as? Int == 19_485)
            // Billed time cannot change, and its sheet cannot be reopened.
            let entries = try await client.call(
                .get, "/api/time-entries?from=2026-09-21&to=2026-09-27", token: setup.agent.token)
            let billed = try #require(entries.results.first { $0["invoice_id"] as? String == first["id"] as? String })
            let change = try await client.call(
                .patch, "/api/time-entries/\(billed["id"] as? String ?? "")", token: setup.admin.token,
                json: #"{"notes": "late"}"#)
            #expect(change["code"] as? String == "entry_invoiced")
            let sheets = try await client.call(.get, "/api/timesheets?status=approved", token: setup.admin.token)
            for sheet in sheets.results {
                let reopen = try await client.call(
                    .post, "/api/timesheets/\(sheet["id"] as? String ?? "")/reopen", token: setup.admin.token)
                #expect(reopen["code"] as? String == "period_invoiced")
            }
            let generated = try await psa.events(named: "invoice_generated").map(\.eventProperties)
            #expect(
                generated == [
                    ["line_count": 1, "is_manual": false, "amount_bucket": "100_to_1k"],
                    ["line_count": 1, "is_manual": false, "amount_bucket": "100_to_1k"],
                ])
        }
    }

    @Test(arguments: Engine.available)
    func sentOnceThenPaidInPartsNeverBeyondTheBalance(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            try await Self.logBillable([60], by: setup.agent, setup: setup, client: client)
            try await Self.approveWeek(0, of: setup.agent, setup: setup, client: client)
            let generatedAt = Setup.monday.addingTimeInterval(7 * 86_400 + 9 * 3_600)
            let invoice = try await client.call(
                .post, "/api/invoices", token: setup.admin.token,
                json: #"{"client_id": "\#(setup.clientID)", "period_start": "2026-09-21", "period_end": "2026-09-27"}"#,
                at: generatedAt)
            #expect(invoice["total_minor"] as? Int == 12_000, "\(invoice.text)")
            let path = "/api/invoices/\(invoice["id"] as? String ?? "")"
            let twoDaysLater = generatedAt.addingTimeInterval(2 * 86_400 + 3_600)
            let sent = try await client.call(
                .post, "\(path)/send", token: setup.admin.token, json: #"{"method": "email"}"#, at: twoDaysLater)
            #expect(sent["status"] as? String == "sent")
            let resent = try await client.call(
                .post, "\(path)/send", token: setup.admin.token, json: #"{"method": "portal"}"#)
            #expect(resent["code"] as? String == "already_sent")
            let attempts: [(String, Int, String?)] = [
                (#"{"amount_minor": 5000, "method": "bank_transfer"}"#, 201, nil),
                (#"{"amount_minor": 7001, "method": "credit_card"}"#, 409, "exceeds_balance"),
                (#"{"amount_minor": 7000, "method": "check"}"#, 201, nil),
                (#"{"amount_minor": 1, "method": "cash"}"#, 409, "exceeds_balance"),
            ]
            for (body, status, code) in attempts {
                let response = try await client.call(.post, "\(path)/payments", token: setup.admin.token, json: body)
                #expect(response.status.code == status, "\(body): \(response.text)")
                #expect(response["code"] as? String == code)
            }
            let stored = try await client.call(.get, path, token: setup.agent.token)
            #expect(stored["status"] as? String == "paid")
            #expect(stored["paid_minor"] as? Int == 12_000)
            #expect(stored["balance_minor"] as? Int == 0)
            let payments = try await client.call(.get, "\(path)/payments", token: setup.admin.token)
            #expect(payments.results.compactMap { $0["amount_minor"] as? Int } == [5_000, 7_000])
            #expect(
                try await psa.events(named: "invoice_sent").map(\.eventProperties) == [
                    ["delivery_method": "email", "days_since_generated": 2]
                ])
            #expect(
                try await psa.events(named: "payment_processed").map(\.eventProperties) == [
                    ["method": "bank_transfer", "is_partial": true], ["method": "check", "is_partial": false],
                ])
        }
    }

    @Test(
        "time and billing events carry no amount, invoice number, name or id, in both deployment modes",
        arguments: [DeploymentType.onPremise, .hosted])
    func eventsArePrivate(deployment: DeploymentType) async throws {
        var analytics = AnalyticsConfiguration()
        analytics.deploymentType = deployment
        try await TestPSA.run(analytics: analytics) { psa, client in
            let setup = try await client.billingSetup()
            let rule = try await client.call(
                .post, "/api/billing-rules", token: setup.admin.token,
                json: """
                    {"client_id": "\(setup.clientID)", "service_id": "\(setup.serviceID)", "rule_type": "hourly",
                     "rate_minor": 987654}
                    """)
            #expect(rule.status == .created)
            try await Self.logBillable([60], by: setup.agent, setup: setup, client: client)
            try await Self.approveWeek(0, of: setup.agent, setup: setup, client: client)
            let invoice = try await client.call(
                .post, "/api/invoices", token: setup.admin.token,
                json: #"{"client_id": "\#(setup.clientID)", "period_start": "2026-09-21", "period_end": "2026-09-27"}"#)
            let id = try #require(invoice["id"] as? String)
            #expect(invoice["total_minor"] as? Int == 987_654)
            _ = try await client.call(
                .post, "/api/invoices/\(id)/send", token: setup.admin.token, json: #"{"method": "portal"}"#)
            _ = try await client.call(
                .post, "/api/invoices/\(id)/payments", token: setup.admin.token,
                json: #"{"amount_minor": 123457, "method": "credit_card"}"#)
            let events = try await psa.events().filter {
                $0.name.hasPrefix("time_") || $0.name.hasPrefix("invoice_") || $0.name.hasPrefix("payment_")
                    || $0.name.hasPrefix("billing_")
            }
            #expect(
                Set(events.map(\.name)) == [
                    "time_entry_created", "time_sheet_submitted", "time_sheet_approved", "billing_rule_created",
                    "invoice_generated", "invoice_sent", "payment_processed",
                ])
            #expect(
                try #require(events.first { $0.name == "invoice_generated" }).eventProperties == [
                    "line_count": 1, "is_manual": false, "amount_bucket": "1k_to_10k",
                ])
            let secrets = [
                "Globex", "Bakery", "Remote support", "987654", "9876.54", "123457", "1234.57", setup.clientID, id,
                setup.serviceID, setup.ticketID, setup.agent.userID, setup.admin.tenantID, "invoice_number", "amount\"",
            ]
            for event in events {
                for secret in secrets { #expect(!event.wireText.contains(secret), "\(event.name) has \(secret)") }
                switch deployment {
                case .onPremise: #expect(event.distinctID == ExpectedID.tenant(setup.admin.tenantID))
                case .hosted: #expect(event.distinctID.hasPrefix("u_"))
                }
            }
        }
    }
}

/// `YYYY-MM-DD` of a UTC instant, for request bodies.
enum FieldDay {
    static func text(_ date: Date) -> String {
        String(date.formatted(.iso8601).prefix(10))
    }
}
