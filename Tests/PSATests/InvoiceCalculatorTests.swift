import Foundation
import Testing

@testable import PSA

/// The pricing rules alone: minimum, rounding increment, fixed fees, tax, the one half-up rounding, overflow.
@Suite struct InvoiceCalculatorTests {
    static let start = Date(timeIntervalSince1970: 1_789_948_800)

    static func service(_ id: String, _ name: String, rate: Int64) -> BillableService {
        BillableService(id: id, tenantID: "t", name: name, defaultRateMinor: rate, createdAt: start)
    }

    static func rule(_ serviceID: String, _ kind: BillingRule.Kind, rate: Int64, minimum: Int = 0, rounding: Int = 1)
        -> BillingRule
    {
        BillingRule(
            id: "r-\(serviceID)", tenantID: "t", clientID: "c", serviceID: serviceID, kind: kind, rateMinor: rate,
            minimumMinutes: minimum, roundingMinutes: rounding, createdAt: start, updatedAt: start)
    }

    static func entry(_ serviceID: String, minutes: Int, at hour: Double) -> TimeEntry {
        let started = start.addingTimeInterval(hour * 3_600)
        return TimeEntry(
            id: UUID().uuidString, tenantID: "t", userID: "u", ticketID: "k", clientID: "c", serviceID: serviceID,
            workItemType: .ticket, startedAt: started, endedAt: started.addingTimeInterval(Double(minutes) * 60),
            isBillable: true, notes: nil, invoiceID: nil, createdAt: start, updatedAt: start)
    }

    @Test func hourlyEntriesAreRaisedToTheMinimumThenRoundedUpToTheIncrement() throws {
        let calculator = InvoiceCalculator(
            services: ["s": Self.service("s", "Remote support", rate: 12_000)],
            rules: ["s": Self.rule("s", .hourly, rate: 9_999, minimum: 30, rounding: 15)])
        // 10 → 30 (minimum) → 30; 31 → 45; 60 → 60; 61 → 75: 210 billed minutes of 162 worked.
        let result = try calculator.price(
            [10, 31, 60, 61].enumerated().map { Self.entry("s", minutes: $1, at: Double($0) * 2) }, clientID: "c",
            taxBasisPoints: 0)
        let line = try #require(result.lines.first)
        #expect(line.workedMinutes == 162)
        #expect(line.billedMinutes == 210)
        #expect(line.entryCount == 4)
        // 9,999 × 210 / 60 = 34,996.5: half a minor unit rounds up.
        #expect(line.amountMinor == 34_997)
        #expect(result.totalMinor == 34_997)
    }

    @Test func taxRoundsHalfUpOnceOnTheSubtotal() throws {
        let calculator = InvoiceCalculator(
            services: [
                "a": Self.service("a", "Remote support", rate: 10_000),
                "b": Self.service("b", "Backup retainer", rate: 0),
            ],
            rules: ["b": Self.rule("b", .fixed, rate: 49_900)])
        // Remote support at the service's default rate, exact minutes: 10,000 × 7 / 60 = 1,166.67 → 1,167.
        let result = try calculator.price(
            [
                Self.entry("a", minutes: 7, at: 1), Self.entry("b", minutes: 600, at: 2),
                Self.entry("b", minutes: 5, at: 20),
            ],
            clientID: "c", taxBasisPoints: 825)
        #expect(result.lines.map(\.description) == ["Backup retainer", "Remote support"])
        #expect(result.lines.map(\.amountMinor) == [49_900, 1_167])
        #expect(result.lines.map(\.billedMinutes) == [605, 7])
        #expect(result.lines.map(\.position) == [1, 2])
        #expect(result.subtotalMinor == 51_067)
        // 51,067 × 825 / 10,000 = 4,213.0275 → 4,213.
        #expect(result.taxMinor == 4_213)
        #expect(result.totalMinor == 55_280)
    }

    @Test func roundingIsHalfUpAndExact() {
        #expect(MoneyRounding.roundedHalfUp(125, dividedBy: 2) == 63)
        #expect(MoneyRounding.roundedHalfUp(124, dividedBy: 2) == 62)
        #expect(MoneyRounding.scale(1, by: 1, over: 3) == 0)
        #expect(MoneyRounding.scale(2, by: 1, over: 3) == 1)
        #expect(MoneyRounding.scale(Int64.max, by: 2, over: 1) == nil)
    }

    @Test func amountsBeyondSixtyFourBitsAreRefusedNotWrapped() {
        let calculator = InvoiceCalculator(
            services: ["s": Self.service("s", "Remote support", rate: 0)],
            rules: ["s": Self.rule("s", .hourly, rate: Int64.max / 100)])
        #expect(throws: RequestError.self) {
            try calculator.price([Self.entry("s", minutes: 1_440, at: 0)], clientID: "c", taxBasisPoints: 0)
        }
    }
}
