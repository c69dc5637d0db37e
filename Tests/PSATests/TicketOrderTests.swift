import Foundation
import Testing

/// `GET /api/tickets?sort=`: each order on hand-made data, its cursor pages, and the refusals.
@Suite("Ticket orders", .timeLimit(.minutes(3)))
struct TicketOrderTests {
    @Test(arguments: Engine.available)
    func eachOrderOnHandMadeTickets(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { _, client in
            let admin = try await client.signUp()
            let ids = try await RankingFixture.create(by: admin, client: client)
            let relevance = RankingFixture.ids(RankingFixture.byRelevance, of: ids)
            #expect(try await client.listedIDs("q=vpn&sort=relevance", by: admin) == relevance)
            #expect(
                try await client.listedIDs("q=VPN&sort=newest", by: admin)
                    == RankingFixture.ids([6, 5, 4, 3, 2, 1], of: ids))
            #expect(
                try await client.listedIDs("sort=priority", by: admin)
                    == RankingFixture.ids(RankingFixture.byPriority, of: ids))
            #expect(
                try await client.listedIDs("sort=newest", by: admin)
                    == RankingFixture.ids(RankingFixture.byRecency, of: ids))
            // The number a query names comes first; priority combines with the other filters.
            #expect(try await client.listedIDs("q=%235&sort=relevance", by: admin) == [ids[4]])
            #expect(
                try await client.listedIDs("q=vpn&sort=priority", by: admin)
                    == RankingFixture.ids([2, 4, 5, 3, 1, 6], of: ids))
            #expect(
                try await client.listedIDs("priority=high&sort=priority", by: admin)
                    == RankingFixture.ids([4, 5], of: ids))
        }
    }

    @Test(arguments: Engine.available)
    func cursorsKeepTheirOrder(engine: Engine) async throws {
        try await TestPSA.run(on: engine) { _, client in
            let admin = try await client.signUp()
            let ids = try await RankingFixture.create(by: admin, client: client)
            for (query, expected) in [
                ("q=vpn&sort=relevance&limit=2", RankingFixture.byRelevance),
                ("sort=priority&limit=4", RankingFixture.byPriority),
                ("limit=5", RankingFixture.byRecency),
            ] {
                var pages: [String] = []
                var cursor: String?
                repeat {
                    // A continued page keeps its order whether or not `sort` is repeated.
                    let suffix = cursor.map { "&cursor=\($0)" } ?? ""
                    let page = try await client.call(.get, "/api/tickets?\(query)\(suffix)", token: admin.token)
                    #expect(page.status == .ok, "\(page.text)")
                    pages += page.results.compactMap { $0["id"] as? String }
                    cursor = page["next_cursor"] as? String
                } while cursor != nil && pages.count < 12
                #expect(pages == RankingFixture.ids(expected, of: ids), "\(query)")
            }
            let first = try await client.call(.get, "/api/tickets?q=vpn&sort=relevance&limit=2", token: admin.token)
            let cursor = try #require(first["next_cursor"] as? String)
            let continued = try await client.call(
                .get, "/api/tickets?q=vpn&limit=2&cursor=\(cursor)", token: admin.token)
            #expect(continued.results.compactMap { $0["id"] as? String } == RankingFixture.ids([4, 6], of: ids))
        }
    }

    @Test func refusesBadSortsAndCursors() async throws {
        try await TestPSA.run { _, client in
            let admin = try await client.signUp()
            _ = try await RankingFixture.create(by: admin, client: client)
            let first = try await client.call(.get, "/api/tickets?q=vpn&sort=relevance&limit=2", token: admin.token)
            let relevanceCursor = try #require(first["next_cursor"] as? String)
            let long = String(repeating: "9", count: 5_000)
            for query in [
                "sort=relevance", "sort=RELEVANCE", "sort=", "sort=newest%00", "sort=\(long)",
                "q=vpn&sort=newest&cursor=\(relevanceCursor)", "cursor=\(relevanceCursor)",
                "cursor=r9.1", "cursor=r1.", "cursor=r.1", "cursor=p1.2.3", "cursor=n-1", "cursor=n%2B5", "cursor=x5",
                "cursor=p-1.2", "cursor=n0", "cursor=n\(long)", "cursor=%F0%9F%92%A5",
            ] {
                let response = try await client.call(.get, "/api/tickets?\(query)", token: admin.token)
                #expect(response.status == .badRequest, "\(query.prefix(80)): \(response.text)")
                #expect(response["code"] as? String == "invalid_field", "\(query.prefix(80))")
            }
        }
    }
}
