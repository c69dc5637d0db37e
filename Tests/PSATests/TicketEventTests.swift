import Foundation
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

/// Every ticket event, fired by the real operation over HTTP and checked on the wire: exact properties,
/// the tenant's hashed id, and none of the ticket's text or ids.
@Suite("Ticket events on the wire", .timeLimit(.minutes(3)))
struct TicketEventTests {
    static let created = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(arguments: Engine.available)
    func ticketCreatedOnceWithValuesFromTheRequest(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            let ticket = try await client.createTicket(
                by: admin,
                json: """
                    {"title": "Printer of Jane Doe jammed", "description": "Call jane.doe@example.com",
                     "priority": "urgent", "category": "Hardware", "source": "email", "assignee_id": "\(agent.userID)"}
                    """)
            let events = try await psa.events(named: "ticket_created")
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(
                event.eventProperties == [
                    "ticket_type": "from_email", "priority": "urgent", "has_description": true, "has_category": true,
                    "has_subcategory": false, "is_assigned": true, "has_asset": false, "created_via": "email",
                ])
            #expect(event.distinctID == ExpectedID.tenant(admin.tenantID))
            for secret in ["Jane", "jane.doe", "Printer", "Hardware", admin.tenantID, agent.userID, "\(ticket["id"]!)"]
            {
                #expect(!event.wireText.contains(secret))
            }
            // Created assigned: the first assignment, at once.
            let assigned = try await psa.events(named: "ticket_assigned")
            #expect(
                assigned.map(\.eventProperties) == [["was_reassignment": false, "time_to_first_assignment_minutes": 0]])
        }
    }

    @Test(arguments: Engine.available)
    func ticketCreatedWithDefaults(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            _ = try await client.createTicket(by: admin, json: #"{"title": "VPN down", "description": "  "}"#)
            let event = try #require(try await psa.events(named: "ticket_created").first)
            #expect(
                event.eventProperties == [
                    "ticket_type": "manual", "priority": "medium", "has_description": false, "has_category": false,
                    "has_subcategory": false, "is_assigned": false, "has_asset": false, "created_via": "api",
                ])
            #expect(try await psa.events(named: "ticket_assigned").isEmpty)
        }
    }

    @Test(arguments: Engine.available)
    func ticketUpdatedListsOnlyFieldsWhoseValueChanged(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let ticket = try await client.createTicket(
                by: admin, json: #"{"title": "VPN down", "priority": "low", "category": "Network"}"#)
            let id = try #require(ticket["id"] as? String)
            // Same title, same category: only priority and subcategory change.
            let patched = try await client.call(
                .patch, "/api/tickets/\(id)", token: admin.token,
                json: #"{"title": "VPN down", "category": "Network", "priority": "high", "subcategory": "VPN"}"#)
            #expect(patched.status == .ok)
            #expect(patched["priority"] as? String == "high")
            // Nothing changes: no event at all.
            let unchanged = try await client.call(
                .patch, "/api/tickets/\(id)", token: admin.token, json: #"{"priority": "high"}"#)
            #expect(unchanged.status == .ok)
            let events = try await psa.events(named: "ticket_updated")
            #expect(
                events.map(\.eventProperties) == [
                    [
                        "fields_updated": ["priority", "subcategory"], "updated_priority": true,
                        "updated_status": false, "updated_assignment": false, "updated_category": true,
                    ]
                ])
        }
    }

    @Test(arguments: Engine.available)
    func assignmentTimesOnlyTheFirstAssignment(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let agent = try await client.addUser(by: admin, email: "bo@acme.test", role: "agent")
            let ticket = try await client.createTicket(by: admin, json: #"{"title": "VPN down"}"#, at: Self.created)
            let id = try #require(ticket["id"] as? String)
            let first = try await client.call(
                .patch, "/api/tickets/\(id)", token: admin.token, json: #"{"assignee_id": "\#(agent.userID)"}"#,
                at: Self.created.addingTimeInterval(95 * 60))
            #expect(first.status == .ok, "\(first.text)")
            let reassigned = try await client.call(
                .patch, "/api/tickets/\(id)", token: admin.token, json: #"{"assignee_id": "\#(admin.userID)"}"#,
                at: Self.created.addingTimeInterval(200 * 60))
            #expect(reassigned.status == .ok)
            let unassigned = try await client.call(
                .patch, "/api/tickets/\(id)", token: admin.token, json: #"{"assignee_id": null}"#,
                at: Self.created.addingTimeInterval(300 * 60))
            #expect(unassigned["assignee_id"] is NSNull)
            let events = try await psa.events(named: "ticket_assigned")
            #expect(
                events.map(\.eventProperties) == [
                    ["was_reassignment": false, "time_to_first_assignment_minutes": 95],
                    ["was_reassignment": true],
                ])
            #expect(events.first?.timestamp.hasPrefix("2026-09-21T") == true)
            let updates = try await psa.events(named: "ticket_updated").map(\.eventProperties)
            #expect(updates.count == 3)
            #expect(updates.allSatisfy { $0["fields_updated"] == ["assignee"] && $0["updated_assignment"] == true })
        }
    }

    @Test(arguments: Engine.available)
    func resolvedWhenMovingFromOpenToClosedOnly(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let ticket = try await client.createTicket(
                by: admin, json: #"{"title": "VPN down", "priority": "high", "category": "Network"}"#, at: Self.created)
            let id = try #require(ticket["id"] as? String)
            for (status, minutes) in [
                ("in_progress", 10.0), ("resolved", 125), ("closed", 130), ("new", 140), ("closed", 150),
            ] {
                let response = try await client.call(
                    .patch, "/api/tickets/\(id)", token: admin.token, json: #"{"status": "\#(status)"}"#,
                    at: Self.created.addingTimeInterval(minutes * 60))
                #expect(response.status == .ok, "\(response.text)")
            }
            let events = try await psa.events(named: "ticket_resolved")
            #expect(
                events.map(\.eventProperties) == [
                    [
                        "time_to_resolution_minutes": 125, "priority": "high", "has_category": true,
                        "had_assignment": false,
                    ],
                    [
                        "time_to_resolution_minutes": 150, "priority": "high", "has_category": true,
                        "had_assignment": false,
                    ],
                ])
            let stored = try await client.call(.get, "/api/tickets/\(id)", token: admin.token)
            #expect(stored["status"] as? String == "closed")
            #expect(stored["closed_at"] as? String == "2026-09-21T16:43:20Z")
        }
    }

    @Test(arguments: Engine.available)
    func deletedReportsAgeResolutionAndRealComments(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let commented = try await client.createTicket(by: admin, json: #"{"title": "A"}"#, at: Self.created)
            let bare = try await client.createTicket(by: admin, json: #"{"title": "B"}"#, at: Self.created)
            let commentedID = try #require(commented["id"] as? String)
            let bareID = try #require(bare["id"] as? String)
            let comment = try await client.call(
                .post, "/api/tickets/\(commentedID)/comments", token: admin.token, json: #"{"body": "On it"}"#)
            #expect(comment.status == .created)
            _ = try await client.call(
                .patch, "/api/tickets/\(bareID)", token: admin.token, json: #"{"status": "closed"}"#)
            let later = Self.created.addingTimeInterval(3 * 86_400 + 3_600)
            #expect(
                try await client.call(.delete, "/api/tickets/\(commentedID)", token: admin.token, at: later).status
                    == .noContent)
            #expect(
                try await client.call(.delete, "/api/tickets/\(bareID)", token: admin.token, at: later).status
                    == .noContent)
            #expect(try await client.call(.get, "/api/tickets/\(commentedID)", token: admin.token).status == .notFound)
            let events = try await psa.events(named: "ticket_deleted")
            #expect(
                events.map(\.eventProperties) == [
                    ["age_in_days": 3, "was_resolved": false, "had_comments": true],
                    ["age_in_days": 3, "was_resolved": true, "had_comments": false],
                ])
        }
    }

    @Test(arguments: Engine.available)
    func searchedNeverCarriesTheQuery(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            _ = try await client.createTicket(
                by: admin, json: #"{"title": "Outlook crashes for Müller", "priority": "high"}"#)
            _ = try await client.createTicket(by: admin, json: #"{"title": "Printer jammed"}"#)
            let found = try await client.call(
                .get, "/api/tickets?q=mueller&priority=high&include_closed=true&limit=10", token: admin.token)
            #expect(found.results.isEmpty)
            let accented = try await client.call(.get, "/api/tickets?q=MULLER&limit=10", token: admin.token)
            #expect(accented.results.count == 1)
            let events = try await psa.events(named: "ticket_searched")
            #expect(events.count == 2)
            var first = events[0].eventProperties
            let duration = first.removeValue(forKey: "duration_ms")
            #expect(
                first == [
                    "query_length": 7, "search_fields": ["title", "description"],
                    "filters_used": [
                        "status": false, "priority": true, "client": false, "assigned_to": false,
                        "include_closed": true,
                    ],
                    "result_count": 0, "limit": 10,
                ])
            if case .double(let milliseconds) = duration {
                #expect(milliseconds >= 0)
            } else if case .int = duration {
            } else {
                Issue.record("duration_ms is \(String(describing: duration))")
            }
            #expect(events[1].eventProperties["result_count"] == 1)
            for event in events { #expect(!event.wireText.lowercased().contains("muller")) }
        }
    }

    @Test(arguments: Engine.available)
    func commentAddedDescribesTheCommentWithoutItsText(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { psa, client in
            let admin = try await client.signUp()
            let ticket = try await client.createTicket(by: admin, json: #"{"title": "VPN down"}"#)
            let id = try #require(ticket["id"] as? String)
            let internalNote = try await client.call(
                .post, "/api/tickets/\(id)/comments", token: admin.token,
                json: #"{"body": "**Called** John at +1 555 0100", "internal": true}"#)
            #expect(internalNote.status == .created)
            let resolution = try await client.call(
                .post, "/api/tickets/\(id)/comments", token: admin.token,
                json: #"{"body": "Reset the tunnel", "resolution": true}"#)
            #expect(resolution.status == .created)
            let events = try await psa.events(named: "ticket_comment_added")
            #expect(
                events.map(\.eventProperties) == [
                    ["is_internal": true, "is_resolution": false, "content_length": 30, "has_formatting": true],
                    ["is_internal": false, "is_resolution": true, "content_length": 16, "has_formatting": false],
                ])
            for event in events {
                #expect(!event.wireText.contains("John") && !event.wireText.contains("555 0100"))
            }
        }
    }

    @Test func refusedWorkEmitsNothing() async throws {
        try await TestPSA.run { psa, client in
            let admin = try await client.signUp()
            let bad = try await client.call(
                .post, "/api/tickets", token: admin.token,
                json: #"{"title": "x", "assignee_id": "00000000-0000-0000-0000-000000000000"}"#)
            #expect(bad.status == .badRequest)
            #expect(bad["detail"] as? String == "'assignee_id' is not an active agent of this tenant.")
            let names = try await psa.events().map(\.name)
            #expect(!names.contains("ticket_created") && !names.contains("ticket_assigned"))
            let list = try await client.call(.get, "/api/tickets?include_closed=true", token: admin.token)
            #expect(list.results.isEmpty)
        }
    }
}
