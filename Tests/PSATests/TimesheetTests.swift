import Foundation
import HummingbirdTesting
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Time sheets over HTTP on both engines: submit, approve one or many, reject with a reason, reopen; locked
/// periods; `total_hours` as the exact decimal on the wire.
@Suite("Time sheets", .timeLimit(.minutes(3)))
struct TimesheetTests {
    typealias Setup = BillingSetup

    /// Logs `minutes` for each of `starts` (hours after Monday 00:00) on the setup's ticket.
    static func log(_ minutes: [Int], by account: Account, setup: Setup, client: some TestClientProtocol) async throws {
        for (index, length) in minutes.enumerated() {
            try await client.logTime(
                by: account,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(8, day: index))",
                     "duration_minutes": \(length), "billable": true, "service_id": "\(setup.serviceID)"}
                    """)
        }
    }

    @Test(arguments: Engine.available)
    func submittedAndApprovedWithExactHours(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            // 37 h 45 min over five days, and 20 minutes that no decimal of hours holds exactly.
            try await Self.log([480, 465, 450, 465, 405], by: setup.agent, setup: setup, client: client)
            let sheet = try await client.submitWeek(by: setup.agent)
            #expect(sheet["status"] as? String == "submitted")
            #expect(sheet["period_start"] as? String == "2026-09-21")
            #expect(sheet["period_end"] as? String == "2026-09-27")
            #expect(sheet["entry_count"] as? Int == 5)
            #expect(sheet["total_minutes"] as? Int == 2_265)
            let id = try #require(sheet["id"] as? String)
            let approved = try await client.call(.post, "/api/timesheets/\(id)/approve", token: setup.admin.token)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved["status"] as? String == "approved")
            #expect(approved["decided_by"] as? String == setup.admin.userID)
            let submitted = try await psa.events(named: "time_sheet_submitted")
            let approvals = try await psa.events(named: "time_sheet_approved")
            let expected: [String: PropertyValue] = [
                "entry_count": 5, "total_hours": 37.75, "period_days": 7, "approval_type": "manual",
            ]
            #expect(submitted.map(\.eventProperties) == [expected])
            #expect(approvals.map(\.eventProperties) == [expected])
            #expect(approvals.first?.wireText.contains(#""total_hours":37.75"#) == true)

            // A second user's week of 20 minutes: a third of an hour, not truncated to 0 or rounded to 0.33.
            try await client.logTime(
                by: setup.admin,
                json: #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(8))", "duration_minutes": 20}"#
            )
            _ = try await client.submitWeek(by: setup.admin)
            let third = try #require(try await psa.events(named: "time_sheet_submitted").last)
            #expect(
                third.wireText.contains(#""total_hours":0.333333333333333333333333333333333333"#), "\(third.wireText)")
        }
    }

    @Test(arguments: Engine.available)
    func submittedAndApprovedPeriodsAreLocked(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let entry = try await client.logTime(
                by: setup.agent,
                json: #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 60}"#
            )
            let entryPath = "/api/time-entries/\(entry["id"] as? String ?? "")"
            let sheet = try await client.submitWeek(by: setup.agent)
            let sheetID = try #require(sheet["id"] as? String)
            for status in ["submitted", "approved"] {
                if status == "approved" {
                    let approved = try await client.call(
                        .post, "/api/timesheets/\(sheetID)/approve", token: setup.admin.token)
                    #expect(approved.status == .ok)
                }
                let attempts = [
                    try await client.call(
                        .patch, entryPath, token: setup.agent.token, json: #"{"duration_minutes": 30}"#),
                    try await client.call(.delete, entryPath, token: setup.agent.token),
                    try await client.call(
                        .post, "/api/time-entries", token: setup.agent.token,
                        json:
                            #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(14, day: 3))", "duration_minutes": 10}"#
                    ),
                ]
                for attempt in attempts {
                    #expect(attempt.status == .conflict, "\(status): \(attempt.text)")
                    #expect(attempt["code"] as? String == "period_locked")
                    #expect(
                        attempt["detail"] as? String
                            == "The time sheet of this period is \(status): its time cannot change.")
                }
            }
            // Moving time from an open week into the locked one is refused too.
            let nextWeek = try await client.logTime(
                by: setup.agent,
                json:
                    #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9, day: 7))", "duration_minutes": 30}"#
            )
            let moveIn = try await client.call(
                .patch, "/api/time-entries/\(nextWeek["id"] as? String ?? "")", token: setup.agent.token,
                json: #"{"started_at": "\#(Setup.time(16))"}"#)
            #expect(moveIn["code"] as? String == "period_locked")
            let names = try await psa.events().map(\.name)
            #expect(names.filter { $0.hasPrefix("time_entry_") } == ["time_entry_created", "time_entry_created"])
        }
    }

    @Test(arguments: Engine.available)
    func rejectedWithAReasonThenFixedAndResubmitted(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let entry = try await client.logTime(
                by: setup.agent,
                json:
                    #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 600}"#)
            let sheetID = try #require(try await client.submitWeek(by: setup.agent)["id"] as? String)
            let byAgent = try await client.call(
                .post, "/api/timesheets/\(sheetID)/reject", token: setup.agent.token, json: #"{"reason": "x"}"#)
            #expect(byAgent.status == .forbidden)
            let rejected = try await client.call(
                .post, "/api/timesheets/\(sheetID)/reject", token: setup.admin.token,
                json: #"{"reason": "Ten hours on one printer? Split it per visit."}"#)
            #expect(rejected["status"] as? String == "rejected")
            #expect(rejected["rejection_reason"] as? String == "Ten hours on one printer? Split it per visit.")
            let fixed = try await client.call(
                .patch, "/api/time-entries/\(entry["id"] as? String ?? "")", token: setup.agent.token,
                json: #"{"duration_minutes": 90}"#)
            #expect(fixed.status == .ok)
            let again = try await client.submitWeek(by: setup.agent)
            #expect(again["id"] as? String == sheetID)
            #expect(again["total_minutes"] as? Int == 90)
            let twice = try await client.call(
                .post, "/api/timesheets/submit", token: setup.agent.token, json: #"{"period_start": "2026-09-21"}"#)
            #expect(twice.status == .conflict)
            #expect(twice["code"] as? String == "already_submitted")
            let overlapping = try await client.call(
                .post, "/api/timesheets/submit", token: setup.agent.token,
                json: #"{"period_start": "2026-09-24", "period_days": 7}"#)
            #expect(overlapping["code"] as? String == "overlapping_period")
            let update = try #require(try await psa.events(named: "time_entry_updated").first)
            #expect(update.eventProperties["approval_status"] == "changes_requested")
            #expect(update.eventProperties["duration_delta_minutes"] == -510)
            #expect(
                try await psa.events(named: "time_sheet_submitted").map { $0.eventProperties["total_hours"] } == [
                    10, 1.5,
                ])
            #expect(!(try await psa.events()).contains { $0.wireText.contains("printer") })
        }
    }

    @Test(arguments: Engine.available)
    func bulkApprovalIsAllOrNothing(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            try await Self.log([60, 30], by: setup.agent, setup: setup, client: client)
            try await Self.log([45], by: setup.admin, setup: setup, client: client)
            let agentSheet = try #require(try await client.submitWeek(by: setup.agent)["id"] as? String)
            let adminSheet = try #require(try await client.submitWeek(by: setup.admin)["id"] as? String)
            let single = try await client.call(.post, "/api/timesheets/\(adminSheet)/approve", token: setup.admin.token)
            #expect(single.status == .ok)
            // The admin's sheet is already approved: nothing of the batch is.
            let mixed = try await client.call(
                .post, "/api/timesheets/approve", token: setup.admin.token,
                json: #"{"ids": ["\#(agentSheet)", "\#(adminSheet)"]}"#)
            #expect(mixed.status == .conflict)
            #expect(mixed["code"] as? String == "not_submitted")
            let pending = try await client.call(.get, "/api/timesheets?status=submitted", token: setup.admin.token)
            #expect(pending.results.compactMap { $0["id"] as? String } == [agentSheet])
            let reopened = try await client.call(
                .post, "/api/timesheets/\(adminSheet)/reopen", token: setup.admin.token)
            #expect(reopened["status"] as? String == "open")
            _ = try await client.submitWeek(by: setup.admin)
            let bulk = try await client.call(
                .post, "/api/timesheets/approve", token: setup.admin.token,
                json: #"{"ids": ["\#(agentSheet)", "\#(adminSheet)"]}"#)
            #expect(bulk.status == .ok, "\(bulk.text)")
            #expect(bulk.results.compactMap { $0["status"] as? String } == ["approved", "approved"])
            let approvals = try await psa.events(named: "time_sheet_approved").map(\.eventProperties)
            #expect(
                approvals == [
                    ["entry_count": 1, "total_hours": 0.75, "period_days": 7, "approval_type": "manual"],
                    ["entry_count": 2, "total_hours": 1.5, "period_days": 7, "approval_type": "bulk"],
                    ["entry_count": 1, "total_hours": 0.75, "period_days": 7, "approval_type": "bulk"],
                ])
            let agentsList = try await client.call(.get, "/api/timesheets", token: setup.agent.token)
            #expect(agentsList.results.compactMap { $0["id"] as? String } == [agentSheet])
        }
    }
}
