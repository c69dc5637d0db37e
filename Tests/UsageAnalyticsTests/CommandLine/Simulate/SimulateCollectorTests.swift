import AsyncHTTPClient
import Foundation
import Testing
import UsageAnalytics

@testable import psa

/// What `psa simulate` leaves in the embedded collector of `psa serve --simulation`: the events of
/// every simulated operation, stamped with the simulated days, with none of the run's personal data.
@Suite("psa simulate: events in the collector", .timeLimit(.minutes(5)))
struct SimulateCollectorTests {
    @Test("every simulated ticket, sign-in and search reaches the collector, on its simulated day")
    func eventsReachTheCollector() async throws {
        let directory = try TemporaryDirectory()
        let collectorPort = try RefusedPort().port
        let server = try await ServedPSA.start(
            [
                "serve", "--port", "0", "--collector-port", String(collectorPort), "--simulation",
                "--data-dir", directory.path,
            ],
            environment: ["PSA_BCRYPT_COST": "4"])
        let run: CommandRun
        do {
            run = try await CommandRun.psa(
                ["simulate", "--target", server.baseURL, "--tenants", "2", "--agents", "2", "--days", "3"])
        } catch {
            await server.stop()
            throw error
        }
        // A graceful stop flushes the last events into the collector before it closes.
        #expect(await server.stop() == 0)
        #expect(run.status == 0, "\(run.output)\n\(run.error)")

        let token = try String(contentsOfFile: directory.path + "/collector/admin-token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let collector = try await ServedPSA.start(
            ["collector", "--port", "0", "--data-dir", directory.path + "/collector"],
            environment: ["COLLECTOR_ADMIN_TOKEN": token], announcing: "collector listening on ")
        let export: String
        do {
            var request = HTTPClientRequest(url: collector.baseURL + "/api/export?format=ndjson")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            export = String(buffer: try await response.body.collect(upTo: 64 << 20))
            #expect(response.status.code == 200)
        } catch {
            await collector.stop()
            throw error
        }
        await collector.stop()

        let events = try export.split(separator: "\n").map { line -> [String: PropertyValue] in
            guard case .object(let event) = try PropertyValue(json: Array(line.utf8)) else { return [:] }
            return event
        }
        let count = { (name: String) in events.filter { $0["event"] == .string(name) }.count }
        #expect(count("ticket_created") > 0)
        #expect(count("ticket_created") == Self.summaryCount("create ticket", in: run.output))
        #expect(count("ticket_searched") == Self.summaryCount("search", in: run.output))
        #expect(count("user_logged_in") == Self.summaryCount("login", in: run.output))
        #expect(count("login_failed") == Self.summaryCount("failed login", in: run.output))
        // Both the two companies' sign-ups and the users their admins created are registrations.
        #expect(count("user_signed_up") == 2 + Self.summaryCount("create user", in: run.output))
        #expect(count("ticket_comment_added") == Self.summaryCount("comment", in: run.output))
        // Time tracking and billing: each request that succeeded left its one event.
        #expect(count("time_entry_created") > 0 && count("invoice_generated") > 0)
        for (event, kind) in [
            ("time_entry_created", "log time"), ("time_sheet_submitted", "submit timesheet"),
            ("billing_rule_created", "create billing rule"), ("invoice_generated", "generate invoice"),
            ("invoice_sent", "send invoice"), ("payment_processed", "record payment"),
        ] {
            #expect(count(event) == Self.summaryCount(kind, in: run.output), "\(event)")
        }

        let ticketDays = Set(
            events.filter { $0["event"] == "ticket_created" }.compactMap { event -> String? in
                guard case .string(let timestamp) = event["timestamp"] else { return nil }
                return String(timestamp.prefix(10))
            })
        #expect(ticketDays.count >= 2, "tickets carry their simulated days: \(ticketDays)")

        let nonce = try #require(run.output.firstMatch(of: /run ([0-9a-z]+)\)/)?.1)
        #expect(!export.contains(String(nonce)), "no address of the run in the collector")
        #expect(!export.contains(".example") && !export.contains("@"))
    }

    /// The count the summary printed for a kind of request (0 when it printed none).
    static func summaryCount(_ kind: String, in output: String) -> Int {
        for line in output.split(separator: "\n") {
            let words = line.trimmingCharacters(in: .whitespaces)
            guard words.hasPrefix(kind + " "), let last = words.split(separator: " ").last,
                words.dropFirst(kind.count).allSatisfy({ $0 == " " || $0.isNumber })
            else { continue }
            return Int(last) ?? 0
        }
        return 0
    }
}
