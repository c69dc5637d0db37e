import Foundation
import HummingbirdTesting
import Testing

/// A tenant ready to track and bill time: its admin, an agent, a client company with a ticket, and a service.
struct BillingSetup {
    let admin: Account
    let agent: Account
    let clientID: String
    let ticketID: String
    let serviceID: String

    /// Monday 2026-09-21 00:00 UTC: the week most tests log time in.
    static let monday = Date(timeIntervalSince1970: 1_789_948_800)

    /// `monday` plus `hours`, as ISO 8601 text.
    static func time(_ hours: Double, day: Int = 0) -> String {
        monday.addingTimeInterval(Double(day) * 86_400 + hours * 3_600).formatted(.iso8601)
    }

    /// A time to stamp requests with: the Friday of the same week.
    static let friday = monday.addingTimeInterval(4 * 86_400 + 17 * 3_600)
}

extension TestClientProtocol {
    /// Signs a company up with an agent, a client company "Globex Bakery", a ticket of that client and a service
    /// "Remote support" at 120.00 an hour.
    func billingSetup(company: String = "Acme IT", email: String = "ann@acme.test") async throws -> BillingSetup {
        let admin = try await signUp(company: company, email: email)
        let domain = email.split(separator: "@").last.map(String.init) ?? "acme.test"
        let agent = try await addUser(by: admin, email: "bo@\(domain)", role: "agent")
        let clientID = try await addClient(by: admin, name: "Globex Bakery")
        let ticket = try await createTicket(
            by: admin, json: #"{"title": "Printer of Jane Doe", "client_id": "\#(clientID)"}"#)
        let service = try await call(
            .post, "/api/services", token: admin.token,
            json: #"{"name": "Remote support", "default_rate_minor": 12000}"#)
        #expect(service.status == .created, "\(service.text)")
        return BillingSetup(
            admin: admin, agent: agent, clientID: clientID, ticketID: ticket["id"] as? String ?? "",
            serviceID: service["id"] as? String ?? "")
    }

    /// Logs time and expects it to be created; returns the entry.
    @discardableResult
    func logTime(by account: Account, json: String, at time: Date = BillingSetup.friday) async throws
        -> [String: Any]
    {
        let created = try await call(.post, "/api/time-entries", token: account.token, json: json, at: time)
        #expect(created.status == .created, "\(created.text)")
        return created.object
    }

    /// Submits the account's sheet for the week of `BillingSetup.monday`; returns the sheet.
    func submitWeek(by account: Account, at time: Date = BillingSetup.friday) async throws -> [String: Any] {
        let submitted = try await call(
            .post, "/api/timesheets/submit", token: account.token, json: #"{"period_start": "2026-09-21"}"#, at: time)
        #expect(submitted.status == .ok, "\(submitted.text)")
        return submitted.object
    }
}
