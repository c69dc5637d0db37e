import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Time entries over HTTP on both engines: the rules (no negative or overlapping time, no edits in a submitted or
/// approved period, only the tenant's tickets) and their events on the wire, exactly once and after the commit.
@Suite("Time entries", .timeLimit(.minutes(3)))
struct TimeEntryTests {
    typealias Setup = BillingSetup

    @Test(arguments: Engine.available)
    func createdWithStartAndEndOrDuration(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let first = try await client.logTime(
                by: setup.agent,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(9))", "ended_at": "\(Setup.time(10.75))",
                     "billable": true, "service_id": "\(setup.serviceID)", "notes": "Called Jane Doe at +1 415 555 0100"}
                    """)
            #expect(first["duration_minutes"] as? Int == 105)
            #expect(first["client_id"] as? String == setup.clientID)
            #expect(first["ended_at"] as? String == "2026-09-21T10:45:00Z")
            let second = try await client.logTime(
                by: setup.agent,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(11))", "duration_minutes": 20,
                     "work_item_type": "interaction"}
                    """)
            #expect(second["ended_at"] as? String == "2026-09-21T11:20:00Z")
            #expect(second["billable"] as? Bool == false)
            let events = try await psa.events(named: "time_entry_created")
            #expect(
                events.map(\.eventProperties) == [
                    [
                        "duration_minutes": 105, "is_billable": true, "has_notes": true, "work_item_type": "ticket",
                        "approval_status": "draft",
                    ],
                    [
                        "duration_minutes": 20, "is_billable": false, "has_notes": false,
                        "work_item_type": "interaction", "approval_status": "draft",
                    ],
                ])
            for event in events {
                #expect(event.distinctID == ExpectedID.tenant(setup.admin.tenantID))
                for secret in [
                    "Jane", "+1 415 555 0100", "415 555", setup.ticketID, setup.serviceID, setup.clientID,
                    setup.agent.userID,
                ] {
                    #expect(!event.wireText.contains(secret))
                }
            }
            let listed = try await client.call(
                .get, "/api/time-entries?from=2026-09-21&to=2026-09-27", token: setup.agent.token)
            #expect(listed.results.compactMap { $0["duration_minutes"] as? Int } == [105, 20])
        }
    }

    @Test(arguments: Engine.available)
    func updatedReportsTheDeltaAgainstTheStoredDuration(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let entry = try await client.logTime(
                by: setup.agent,
                json: #"{"ticket_id": "\#(setup.ticketID)", "started_at": "\#(Setup.time(9))", "duration_minutes": 60}"#
            )
            let id = try #require(entry["id"] as? String)
            let path = "/api/time-entries/\(id)"
            // Shorter by 15 minutes, then only the notes, then nothing at all, then moved (same length).
            let bodies = [
                #"{"duration_minutes": 45}"#, #"{"notes": "Remote session"}"#, #"{"notes": "Remote session"}"#,
                #"{"started_at": "\#(Setup.time(13))"}"#, #"{"ended_at": "\#(Setup.time(15))"}"#,
            ]
            for body in bodies {
                let response = try await client.call(.patch, path, token: setup.agent.token, json: body)
                #expect(response.status == .ok, "\(body): \(response.text)")
            }
            let stored = try await client.call(.get, path, token: setup.agent.token)
            #expect(stored["started_at"] as? String == "2026-09-21T13:00:00Z")
            #expect(stored["duration_minutes"] as? Int == 120)
            let updates = try await psa.events(named: "time_entry_updated").map(\.eventProperties)
            #expect(updates.map { $0["duration_delta_minutes"] } == [-15, 0, 0, 75])
            #expect(updates.map { $0["duration_changed"] } == [true, false, false, true])
            #expect(updates.map { $0["duration_minutes"] } == [45, 45, 45, 120])
            #expect(updates.map { $0["has_notes"] } == [false, true, true, true])
        }
    }

    @Test(arguments: Engine.available)
    func deletedReportsDurationBillabilityAndAge(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let entry = try await client.logTime(
                by: setup.agent,
                json: """
                    {"ticket_id": "\(setup.ticketID)", "started_at": "\(Setup.time(9))", "duration_minutes": 30,
                     "billable": true, "service_id": "\(setup.serviceID)"}
                    """, at: Setup.monday.addingTimeInterval(10 * 3_600))
            let id = try #require(entry["id"] as? String)
            let later = Setup.monday.addingTimeInterval(2 * 86_400 + 11 * 3_600)
            let deleted = try await client.call(.delete, "/api/time-entries/\(id)", token: setup.agent.token, at: later)
            #expect(deleted.status == .noContent)
            let again = try await client.call(.delete, "/api/time-entries/\(id)", token: setup.agent.token, at: later)
            #expect(again.status == .notFound)
            let events = try await psa.events(named: "time_entry_deleted")
            #expect(
                events.map(\.eventProperties) == [["duration_minutes": 30, "was_billable": true, "age_in_days": 2]])
        }
    }

    @Test(arguments: Engine.available)
    func overlappingAndNegativeTimeIsRefused(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let setup = try await client.billingSetup()
            let ticket = setup.ticketID
            try await client.logTime(
                by: setup.agent,
                json:
                    #"{"ticket_id": "\#(ticket)", "started_at": "\#(Setup.time(9))", "ended_at": "\#(Setup.time(10))"}"#
            )
            let refusals: [(String, Int, String)] = [
                (#""started_at": "\#(Setup.time(9.5))", "duration_minutes": 60"#, 409, "overlapping_entry"),
                (#""started_at": "\#(Setup.time(8.5))", "ended_at": "\#(Setup.time(11))""#, 409, "overlapping_entry"),
                (#""started_at": "\#(Setup.time(12))", "ended_at": "\#(Setup.time(11))""#, 400, "negative_duration"),
                (#""started_at": "\#(Setup.time(12))", "duration_minutes": -30"#, 400, "negative_duration"),
                (#""started_at": "\#(Setup.time(12))", "duration_minutes": 0"#, 400, "invalid_field"),
                (#""started_at": "\#(Setup.time(12))", "duration_minutes": 1441"#, 400, "invalid_field"),
                (#""started_at": "2026-09-21T12:00:30Z", "duration_minutes": 10"#, 400, "invalid_field"),
            ]
            for (fields, status, code) in refusals {
                let response = try await client.call(
                    .post, "/api/time-entries", token: setup.agent.token,
                    json: #"{"ticket_id": "\#(ticket)", \#(fields)}"#)
                #expect(response.status.code == status, "\(fields): \(response.text)")
                #expect(response["code"] as? String == code, "\(fields): \(response.text)")
            }
            // Back to back is not an overlap, and another user's time never overlaps the agent's.
            try await client.logTime(
                by: setup.agent,
                json: #"{"ticket_id": "\#(ticket)", "started_at": "\#(Setup.time(10))", "duration_minutes": 15}"#)
            try await client.logTime(
                by: setup.admin,
                json: #"{"ticket_id": "\#(ticket)", "started_at": "\#(Setup.time(9))", "duration_minutes": 60}"#)
            let second = try await client.logTime(
                by: setup.agent,
                json: #"{"ticket_id": "\#(ticket)", "started_at": "\#(Setup.time(14))", "duration_minutes": 15}"#)
            let moved = try await client.call(
                .patch, "/api/time-entries/\(second["id"] as? String ?? "")", token: setup.agent.token,
                json: #"{"started_at": "\#(Setup.time(9.75))"}"#)
            #expect(moved.status == .conflict)
            #expect(moved["code"] as? String == "overlapping_entry")
            #expect(try await psa.events(named: "time_entry_created").count == 4)
            #expect(try await psa.events(named: "time_entry_updated").isEmpty)
            let stored = try await psa.psa.database.query("SELECT COUNT(*) AS count FROM time_entries")
            #expect(try stored.first?.integer("count") == 4)
        }
    }

    @Test func billableTimeNeedsAServiceAndAClientAndOnlyTheTenantsTickets() async throws {
        try await TestPSA.run { psa, client in
            let setup = try await client.billingSetup()
            let other = try await client.billingSetup(company: "Initech", email: "bill@initech.test")
            let internalTicket = try await client.createTicket(by: setup.admin, json: #"{"title": "Internal"}"#)
            let internalID = try #require(internalTicket["id"] as? String)
            let cases: [(String, String)] = [
                (
                    #""ticket_id": "\#(other.ticketID)""#, "'ticket_id' is not a ticket of this tenant."
                ),
                (
                    #""ticket_id": "\#(setup.ticketID)", "billable": true"#,
                    "'service_id' is required for billable time: it sets the rate."
                ),
                (
                    #""ticket_id": "\#(setup.ticketID)", "service_id": "\#(other.serviceID)""#,
                    "'service_id' is not a service of this tenant."
                ),
                (
                    #""ticket_id": "\#(internalID)", "billable": true, "service_id": "\#(setup.serviceID)""#,
                    "'ticket_id' names a ticket without a client: billable time is billed to its client."
                ),
            ]
            for (fields, detail) in cases {
                let response = try await client.call(
                    .post, "/api/time-entries", token: setup.agent.token,
                    json: #"{\#(fields), "started_at": "\#(Setup.time(9))", "duration_minutes": 30}"#)
                #expect(response.status == .badRequest)
                #expect(response["detail"] as? String == detail, "\(response.text)")
            }
            #expect(try await psa.events(named: "time_entry_created").isEmpty)
        }
    }
}
