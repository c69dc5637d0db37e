import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresTestSupport
import Testing

/// `psa serve` as a child process in both deployment modes: time logged, a sheet approved, an invoice generated,
/// sent and partly paid over HTTP; the events read back from the embedded collector carry no amount, name,
/// note or id.
@Suite("psa serve: time and billing end to end", .timeLimit(.minutes(3)))
struct TimeAndBillingServeTests {
    static let personalData = ["Initrode", "Catering", "Milton", "stapler", "98765", "987.65", "12345", "123.45"]

    @Test(arguments: ["on-premise", "hosted"])
    func billingActivityReachesTheCollectorPrivately(deployment: String) async throws {
        let directory = NSTemporaryDirectory() + "psa-billing-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let collectorPort = try FreePort.find()
        let process = Process()
        process.executableURL = PSAServeTests.executable
        process.arguments = ["serve", "--port", "0", "--collector-port", "\(collectorPort)", "--data-dir", directory]
        process.environment = [
            "PATH": "/usr/bin:/bin", "PSA_BCRYPT_COST": "4", "ANALYTICS_FLUSH_INTERVAL": "3600",
            "DEPLOYMENT_TYPE": deployment,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var apiPort: Int?
        for await line in PSAServeTests.lines(of: output.fileHandleForReading)
        where line.hasPrefix("PSA API listening on http://127.0.0.1:") {
            apiPort = Int(line.dropFirst("PSA API listening on http://127.0.0.1:".count).prefix { $0.isNumber })
            break
        }
        let api = API(base: "http://127.0.0.1:\(try #require(apiPort))")
        var ids: [String] = []
        do {
            ids = try await Self.session(api)
        } catch {
            try? await api.shutdown()
            throw error
        }
        try await api.shutdown()
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let events = try await PSAServeTests.export(directory + "/collector")
        let names = Set(events.map(\.event))
        for expected in [
            "time_entry_created", "time_sheet_submitted", "time_sheet_approved", "billing_rule_created",
            "invoice_generated", "invoice_sent", "payment_processed",
        ] {
            #expect(names.contains(expected), "missing \(expected) in \(names.sorted())")
        }
        let generated = try #require(events.first { $0.event == "invoice_generated" })
        #expect(generated.properties.contains(#""amount_bucket":"100_to_1k""#), "\(generated.properties)")
        for event in events {
            for secret in Self.personalData + ids {
                #expect(!event.properties.contains(secret), "\(event.event) carries \(secret)")
            }
            if event.event.hasPrefix("invoice_") || event.event.hasPrefix("time_") {
                #expect(event.distinctID.hasPrefix(deployment == "hosted" ? "u_" : "i_"))
            }
        }
    }

    /// Signs up, logs an hour at 987.65 an hour for "Initrode Catering", approves it, invoices, sends and pays part;
    /// returns the ids the session made.
    static func session(_ api: API) async throws -> [String] {
        let signUp = try await api.send(
            .POST, "/api/auth/signup",
            #"{"company": "Initech", "email": "bill@initech.test", "password": "TPS reports 4ever", "name": "Bill"}"#)
        #expect(signUp.status == 201)
        let login = try await api.send(
            .POST, "/api/auth/login", #"{"email": "bill@initech.test", "password": "TPS reports 4ever"}"#)
        let token = try #require(login.json["token"] as? String)
        let client = try await api.send(.POST, "/api/clients", #"{"name": "Initrode Catering"}"#, token: token)
        let clientID = try #require(client.json["id"] as? String)
        let service = try await api.send(
            .POST, "/api/services", #"{"name": "Stapler repair", "default_rate_minor": 1000}"#, token: token)
        let serviceID = try #require(service.json["id"] as? String)
        let rule = try await api.send(
            .POST, "/api/billing-rules",
            #"{"client_id": "\#(clientID)", "service_id": "\#(serviceID)", "rule_type": "hourly", "rate_minor": 98765}"#,
            token: token)
        #expect(rule.status == 201, "\(rule.text)")
        let ticket = try await api.send(
            .POST, "/api/tickets", #"{"title": "Milton's stapler", "client_id": "\#(clientID)"}"#, token: token)
        let ticketID = try #require(ticket.json["id"] as? String)
        // An hour ending on the last whole minute, and its day as the sheet's and the invoice's period.
        let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
        let start = end.addingTimeInterval(-3_600)
        let day = String(start.formatted(.iso8601).prefix(10))
        let entry = try await api.send(
            .POST, "/api/time-entries",
            """
            {"ticket_id": "\(ticketID)", "started_at": "\(start.formatted(.iso8601))", "duration_minutes": 60,
             "billable": true, "service_id": "\(serviceID)", "notes": "Milton wants his stapler back"}
            """, token: token)
        #expect(entry.status == 201, "\(entry.text)")
        let sheet = try await api.send(
            .POST, "/api/timesheets/submit", #"{"period_start": "\#(day)", "period_days": 1}"#, token: token)
        let sheetID = try #require(sheet.json["id"] as? String, "\(sheet.text)")
        #expect(try await api.send(.POST, "/api/timesheets/\(sheetID)/approve", token: token).status == 200)
        let invoice = try await api.send(
            .POST, "/api/invoices",
            #"{"client_id": "\#(clientID)", "period_start": "\#(day)", "period_end": "\#(day)"}"#, token: token)
        #expect(invoice.json["total_minor"] as? Int == 98_765, "\(invoice.text)")
        let invoiceID = try #require(invoice.json["id"] as? String)
        #expect(
            try await api.send(.POST, "/api/invoices/\(invoiceID)/send", #"{"method": "email"}"#, token: token).status
                == 200)
        let payment = try await api.send(
            .POST, "/api/invoices/\(invoiceID)/payments", #"{"amount_minor": 12345, "method": "check"}"#, token: token)
        #expect(payment.status == 201)
        return [clientID, serviceID, ticketID, sheetID, invoiceID, token]
    }
}
