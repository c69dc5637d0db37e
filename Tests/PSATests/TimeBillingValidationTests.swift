import Foundation
import HTTPTypes
import Testing

/// Malformed, oversized and hostile input on every time and billing route gets a clear 4xx naming the problem,
/// and stores nothing.
@Suite("Time and billing validation", .timeLimit(.minutes(3)))
struct TimeBillingValidationTests {
    typealias Setup = BillingSetup

    /// Route, body and the detail the client gets; `TICKET`, `SERVICE` and `CLIENT` stand for the setup's ids.
    static let refusals: [(String, String, String)] = [
        ("/api/time-entries", "not json", "The body is not valid JSON."),
        ("/api/time-entries", #"[1]"#, "The body must be a JSON object."),
        ("/api/time-entries", #"{}"#, "'ticket_id' is required."),
        ("/api/time-entries", #"{"ticket_id": "TICKET", "started_at": 5}"#, "'started_at' must be a string."),
        (
            "/api/time-entries", #"{"ticket_id": "TICKET", "started_at": "tomorrow", "duration_minutes": 5}"#,
            "'started_at' must be an ISO 8601 time such as 2026-09-21T09:30:00Z (years 2000-2099)."
        ),
        (
            "/api/time-entries",
            #"{"ticket_id": "TICKET", "started_at": "9999-01-01T00:00:00Z", "duration_minutes": 5}"#,
            "'started_at' must be an ISO 8601 time such as 2026-09-21T09:30:00Z (years 2000-2099)."
        ),
        (
            "/api/time-entries", #"{"ticket_id": "TICKET", "started_at": "2026-09-21T09:00:00Z"}"#,
            "Give either 'ended_at' or 'duration_minutes', not both."
        ),
        (
            "/api/time-entries",
            #"{"ticket_id": "TICKET", "started_at": "2026-09-21T09:00:00Z", "duration_minutes": 1.5}"#,
            "'duration_minutes' must be a whole number."
        ),
        (
            "/api/time-entries",
            #"{"ticket_id": "1' OR '1'='1", "started_at": "2026-09-21T09:00:00Z", "duration_minutes": 5}"#,
            "'ticket_id' is not a valid id."
        ),
        (
            "/api/time-entries",
            #"{"ticket_id": "TICKET", "started_at": "2026-09-21T09:00:00Z", "duration_minutes": 5, "notes": "a\u0000b"}"#,
            "'notes' must not contain control characters."
        ),
        (
            "/api/time-entries",
            #"{"ticket_id": "TICKET", "started_at": "2026-09-21T09:00:00Z", "duration_minutes": 5, "work_item_type": "meeting"}"#,
            "'work_item_type' must be one of ticket, project_task, interaction, ad_hoc."
        ),
        (
            "/api/time-entries",
            #"{"ticket_id": "TICKET", "started_at": "2026-09-21T09:00:00Z", "duration_minutes": 5, "user_id": "x"}"#,
            #"Unknown field "user_id"; accepted: ticket_id, started_at, ended_at, duration_minutes, billable, notes, service_id, work_item_type."#
        ),
        (
            "/api/timesheets/submit", #"{"period_start": "2026-02-30"}"#,
            "'period_start' must be a day such as 2026-09-21 (years 2000-2099)."
        ),
        (
            "/api/timesheets/submit", #"{"period_start": "2026-09-21", "period_days": 32}"#,
            "'period_days' must be a whole number from 1 to 31."
        ),
        ("/api/timesheets/submit", #"{"period_days": 14}"#, "'period_days' needs 'period_start'."),
        ("/api/timesheets/approve", #"{"ids": []}"#, "'ids' must list 1 to 100 different time sheet ids."),
        ("/api/timesheets/approve", #"{"ids": "all"}"#, "'ids' must be a list of ids."),
        ("/api/timesheets/approve", #"{"ids": ["../../etc/passwd"]}"#, "'ids' is not a valid id."),
        (
            "/api/services", #"{"name": "Support", "default_rate_minor": 12.5}"#,
            "'default_rate_minor' must be a whole number."
        ),
        (
            "/api/services", #"{"name": "Support", "default_rate_minor": -1}"#,
            "'default_rate_minor' must be a whole number from 0 to 10000000000."
        ),
        ("/api/services", #"{"name": " ", "default_rate_minor": 1}"#, "'name' must not be empty."),
        (
            "/api/billing-rules",
            #"{"client_id": "CLIENT", "service_id": "SERVICE", "rule_type": "usage", "rate_minor": 1}"#,
            "'rule_type' must be one of hourly, fixed."
        ),
        (
            "/api/billing-rules",
            #"{"client_id": "CLIENT", "service_id": "SERVICE", "rule_type": "hourly", "rate_minor": 1, "rounding_minutes": 0}"#,
            "'rounding_minutes' must be a whole number from 1 to 1440."
        ),
        (
            "/api/billing-rules", #"{"client_id": "CLIENT", "rule_type": "hourly", "rate_minor": 1}"#,
            "'service_id' is required."
        ),
        (
            "/api/invoices", #"{"client_id": "CLIENT", "period_start": "2026-09-30", "period_end": "2026-09-01"}"#,
            "'period_end' must not be before 'period_start', at most 366 days on."
        ),
        (
            "/api/invoices",
            #"{"client_id": "CLIENT", "period_start": "2026-09-01", "period_end": "2026-09-30", "tax_basis_points": 10001}"#,
            "'tax_basis_points' must be a whole number from 0 to 10000."
        ),
        (
            "/api/invoices",
            #"{"client_id": "SERVICE", "period_start": "2026-09-01", "period_end": "2026-09-30"}"#,
            "'client_id' is not a client of this tenant."
        ),
    ]

    @Test(arguments: TimeBillingValidationTests.refusals)
    func malformedBodiesAreRefused(path: String, body: String, detail: String) async throws {
        try await TestPSA.run { psa, client in
            let setup = try await client.billingSetup()
            let json = body.replacingOccurrences(of: "TICKET", with: setup.ticketID)
                .replacingOccurrences(of: "SERVICE", with: setup.serviceID)
                .replacingOccurrences(of: "CLIENT", with: setup.clientID)
            let response = try await client.call(.post, path, token: setup.admin.token, json: json)
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response["type"] as? String == "validation_error")
            #expect(response["detail"] as? String == detail, "\(response.text)")
            for table in ["time_entries", "timesheets", "billing_rules", "invoices"] {
                let rows = try await psa.psa.database.query("SELECT COUNT(*) AS count FROM \(raw: table)")
                #expect(try rows.first?.integer("count") == 0, "\(table)")
            }
        }
    }

    @Test func patchesPaymentsAndDeliveryAreChecked() async throws {
        try await TestPSA.run { _, client in
            let setup = try await client.billingSetup()
            let entry = try await client.logTime(
                by: setup.agent,
                json: #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 30}"#
            )
            let entryPath = "/api/time-entries/\(entry["id"] as? String ?? "")"
            let cases: [(String, String, String)] = [
                (
                    entryPath, #"{"ended_at": "2026-09-21T10:00:00Z", "duration_minutes": 5}"#,
                    "Give either 'ended_at' or 'duration_minutes', not both."
                ),
                (entryPath, #"{"started_at": null}"#, "'started_at' must not be null."),
                (
                    entryPath, #"{"ended_at": "2026-09-21T08:00:00Z"}"#,
                    "The entry ends before it starts: durations cannot be negative."
                ),
                (entryPath, #"{"billable": "yes"}"#, "'billable' must be true or false."),
            ]
            for (path, body, detail) in cases {
                let response = try await client.call(.patch, path, token: setup.agent.token, json: body)
                #expect(response.status == .badRequest)
                #expect(response["detail"] as? String == detail, "\(body): \(response.text)")
            }
            let stored = try await client.call(.get, entryPath, token: setup.agent.token)
            #expect(stored["duration_minutes"] as? Int == 30)
            let missing = "/api/invoices/00000000-0000-4000-8000-000000000000"
            let bodies: [(String, String, String)] = [
                (
                    "\(missing)/payments", #"{"amount_minor": 0, "method": "cash"}"#,
                    "'amount_minor' must be a whole number from 1 to 10000000000000."
                ),
                (
                    "\(missing)/payments", #"{"amount_minor": 100, "method": "bitcoin"}"#,
                    "'method' must be one of credit_card, bank_transfer, check, cash, other."
                ),
                (
                    "\(missing)/payments", #"{"amount_minor": 99999999999999999999, "method": "cash"}"#,
                    "'amount_minor' must be a whole number."
                ),
                ("\(missing)/send", #"{"method": "fax"}"#, "'method' must be one of email, portal, download."),
                (
                    "/api/timesheets/00000000-0000-4000-8000-000000000000/reject", #"{"reason": ""}"#,
                    "'reason' must not be empty."
                ),
            ]
            for (path, body, detail) in bodies {
                let response = try await client.call(.post, path, token: setup.admin.token, json: body)
                #expect(response.status == .badRequest)
                #expect(response["detail"] as? String == detail, "\(body): \(response.text)")
            }
        }
    }

    @Test func oversizedBodiesAndLongTextAreRefused() async throws {
        try await TestPSA.run { _, client in
            let setup = try await client.billingSetup()
            let huge = String(repeating: "a", count: 2 << 20)
            for path in ["/api/time-entries", "/api/timesheets/submit", "/api/invoices", "/api/services"] {
                let response = try await client.call(
                    .post, path, token: setup.admin.token, json: #"{"notes": "\#(huge)"}"#)
                #expect(response.status == .contentTooLarge, "\(path)")
                #expect(response["code"] as? String == "body_too_large")
            }
            let notes = String(repeating: "é", count: 4_001)
            let long = try await client.call(
                .post, "/api/time-entries", token: setup.agent.token,
                json:
                    #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 5, "notes": "\#(notes)"}"#
            )
            #expect(long["detail"] as? String == "'notes' must be at most 4000 characters.")
            let manyIDs = (0...100).map { _ in #""\#(UUID().uuidString.lowercased())""# }.joined(separator: ",")
            let bulk = try await client.call(
                .post, "/api/timesheets/approve", token: setup.admin.token, json: #"{"ids": [\#(manyIDs)]}"#)
            #expect(bulk["detail"] as? String == "'ids' must list 1 to 100 different time sheet ids.")
        }
    }

    @Test(
        "ids in paths that this service never makes are answered like unknown ones",
        arguments: [
            ("GET", "/api/time-entries/1%20OR%201=1"), ("PATCH", "/api/time-entries/%27;DROP%20TABLE%20x;--"),
            ("DELETE", "/api/time-entries/00000000-0000-4000-8000-00000000000G"),
            ("GET", "/api/timesheets/ABCDEF00-0000-4000-8000-000000000000"),
            ("POST", "/api/timesheets/\(String(repeating: "a", count: 5_000))/approve"),
            ("POST", "/api/timesheets/%00/reopen"), ("PATCH", "/api/billing-rules/-1"),
            ("GET", "/api/invoices/00000000-0000-4000-8000-000000000000"), ("POST", "/api/invoices/x/send"),
            ("GET", "/api/invoices/%E2%80%AE/payments"),
        ])
    func hostilePathIDs(method: String, path: String) async throws {
        try await TestPSA.run { _, client in
            let setup = try await client.billingSetup()
            let body = method == "GET" || method == "DELETE" ? nil : #"{"method": "email"}"#
            let response = try await client.call(
                HTTPRequest.Method(rawValue: method)!, path, token: setup.admin.token, json: body)
            #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
            #expect(response["type"] as? String == "not_found")
        }
    }

    @Test(
        "list parameters are checked",
        arguments: [
            ("/api/time-entries?limit=0", "'limit' must be a whole number from 1 to 500."),
            (
                "/api/time-entries?from=2026-09-30&to=2026-09-01",
                "'from' must not be after 'to', at most 366 days apart."
            ),
            ("/api/time-entries?from=yesterday", "'from' must be a day such as 2026-09-21 (years 2000-2099)."),
            ("/api/time-entries?user_id=me", "'user_id' is not a valid id."),
            ("/api/timesheets?status=pending", "'status' must be one of open, submitted, approved, rejected."),
            ("/api/invoices?status=overdue", "'status' must be one of draft, sent, paid."),
            ("/api/invoices?limit=1000", "'limit' must be a whole number from 1 to 200."),
            ("/api/billing-rules?sort=rate", #"Unknown parameter "sort"; accepted: client_id."#),
        ])
    func badListParameters(path: String, detail: String) async throws {
        try await TestPSA.run { _, client in
            let setup = try await client.billingSetup()
            let response = try await client.call(.get, path, token: setup.admin.token)
            #expect(response.status == .badRequest)
            #expect(response["detail"] as? String == detail, "\(response.text)")
        }
    }
}
