import Foundation
import HummingbirdTesting
import Testing

/// Six hand-made tickets about a VPN, one for each relevance tier, with priorities that make every order of
/// `GET /api/tickets` tell itself apart.
enum RankingFixture {
    /// Title, description and priority, in creation order (ticket numbers 1 to 6).
    static let tickets: [(title: String, description: String?, priority: String)] = [
        ("VPN disconnects hourly", nil, "low"),  // a whole word of the title
        ("Printer jams", "Started after the vpn update.", "urgent"),  // description only
        ("Vpn", nil, "medium"),  // the whole title
        ("Slow VPNclient", nil, "high"),  // a word's prefix
        ("Laptop setup", "Needs VPN access.", "high"),  // description only
        ("MyVPNthing broken", nil, "low"),  // inside a word
    ]

    /// `q=vpn` by relevance: title (whole, word, prefix, anywhere) before description, newest first within a tier.
    static let byRelevance = [3, 1, 4, 6, 5, 2]
    /// Newest first.
    static let byRecency = [6, 5, 4, 3, 2, 1]
    /// Urgent, high, medium, low; oldest first within a priority.
    static let byPriority = [2, 4, 5, 3, 1, 6]

    /// Creates the tickets in `account`'s tenant; returns their ids by number (index 0 is ticket 1).
    static func create(by account: Account, client: some TestClientProtocol) async throws -> [String] {
        var ids: [String] = []
        for ticket in tickets {
            let description = ticket.description.map { #", "description": "\#($0)""# } ?? ""
            let created = try await client.createTicket(
                by: account, json: #"{"title": "\#(ticket.title)", "priority": "\#(ticket.priority)"\#(description)}"#)
            ids.append(try #require(created["id"] as? String))
        }
        return ids
    }

    /// The ids of `numbers`, in that order.
    static func ids(_ numbers: [Int], of ids: [String]) -> [String] {
        numbers.map { ids[$0 - 1] }
    }
}

extension TestClientProtocol {
    /// The ids `GET /api/tickets?query` lists, expecting 200.
    func listedIDs(_ query: String, by account: Account) async throws -> [String] {
        let response = try await call(.get, "/api/tickets?\(query)", token: account.token)
        #expect(response.status == .ok, "\(response.text)")
        return response.results.compactMap { $0["id"] as? String }
    }
}
