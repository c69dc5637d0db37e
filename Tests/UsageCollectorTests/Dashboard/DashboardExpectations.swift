import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Checks of a rendered section against the query API and against the fixture's hand counts.
enum DashboardExpectations {
    /// Runs every query the section shows through `POST /api/projects/@current/query` and checks the table: a
    /// daily table has a column per answer line; a breakdown table has a row per breakdown value with a cell per
    /// series; a table of events has a row per event with its total.
    static func matchQueryAPI(_ section: PageSnapshot.Section, client: any TestClientProtocol) async throws {
        for query in section.queries {
            let response = try await client.admin(
                "/api/projects/@current/query", method: .post, body: ByteBuffer(string: #"{"query": \#(query)}"#))
            #expect(response.status == .ok, "\(section.id): \(response.text)")
            let lines = TrendLine.lines(
                try #require(JSONValue.parse(Array(response.body.readableBytesView))?.field("results")))
            if ["Day", "Week", "Month"].contains(section.columns.first) {
                for (row, cells) in section.rows.enumerated() {
                    #expect(cells[0] == lines.first?.days[row])
                    for (index, line) in lines.enumerated() {
                        // A breakdown value's column is found by its name: a page may order them by meaning.
                        let column =
                            line.breakdown.flatMap { section.columns.firstIndex(of: TrendLine.displayName($0)) }
                            ?? index + 1
                        #expect(cells[column] == NumberText.exact(line.data[row]), "\(section.id) \(cells[0])")
                    }
                }
            } else if section.id == "top-events" {
                for cells in section.rows {
                    let line = try #require(lines.first { $0.label == cells[0] })
                    #expect(cells[1] == NumberText.exact(line.total))
                }
            } else if section.id != "second-factor", lines.contains(where: { $0.breakdown != nil }) {
                for cells in section.rows {
                    for line in lines where line.breakdown.map(TrendLine.displayName) == cells[0] {
                        #expect(cells[line.order + 1] == NumberText.exact(line.total), "\(section.id) \(cells[0])")
                    }
                }
            }
        }
    }

    /// The numbers the fixture was built with, as the page must show them.
    static func matchFixture(_ snapshot: PageSnapshot, page: ReportPage) throws {
        let days = ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"]
        func column(_ id: String, _ index: Int) -> [String] {
            snapshot.section(id)?.rows.map { $0[index] } ?? []
        }
        switch page {
        case .overview:
            let perDay = zip(DashboardFixture.createdPerDay, DashboardFixture.resolvedPerDay).map { created, resolved in
                created + resolved + 2 + 4 + 10 + 1 + 2
            }
            let failures = (1...5).map { $0 }
            #expect(column("events-per-day", 0) == days)
            #expect(column("events-per-day", 1) == zip(perDay, failures).map { String($0 + $1) })
            #expect(snapshot.section("events-per-day")?.points == 5)
            #expect(column("active-per-day", 1) == Array(repeating: "4", count: 5))
            #expect(
                snapshot.section("top-events")?.rows.first == ["api_request", "50", NumberText.percent(50.0 / 150)])
        case .performance:
            #expect(column("request-rate", 1) == DashboardFixture.requestsPerDay.map(String.init))
            #expect(column("error-rate", 2) == DashboardFixture.failedRequestsPerDay.map(String.init))
            #expect(column("error-rate", 3) == Array(repeating: "20%", count: 5))
            #expect(snapshot.section("slow-requests")?.rows == [["/api/tickets/{id}", "5", "1504"]])
            #expect(snapshot.section("latency")?.bars == 3)
            #expect(snapshot.section("slow-operations")?.rows.map { $0[0] } == ["bcrypt_verify", "ticket_search"])
        case .tickets:
            #expect(column("created-resolved", 1) == DashboardFixture.createdPerDay.map(String.init))
            #expect(column("created-resolved", 2) == DashboardFixture.resolvedPerDay.map(String.init))
            #expect(column("searches", 2) == DashboardFixture.zeroResultSearchesPerDay.map(String.init))
            #expect(column("searches", 3) == Array(repeating: "25%", count: 5))
            #expect(column("resolution-time", 1).map { Int($0) ?? 0 }.reduce(0, +) == 15)
        case .timeAndBilling:
            Self.matchTimeAndBillingFixture(snapshot)
        case .authentication:
            #expect(
                snapshot.section("failures-by-reason")?.rows.map { Array($0.prefix(2)) }
                    == [["invalid_password", "7"], ["unknown_user", "5"], ["locked_out", "3"]])
            #expect(
                snapshot.section("second-factor")?.rows
                    == [["With a second factor", "5", "50%"], ["Without", "5", "50%"]])
            #expect(snapshot.section("logins-by-provider")?.columns == ["Day", "keycloak", "credentials", "google"])
        }
    }
}
