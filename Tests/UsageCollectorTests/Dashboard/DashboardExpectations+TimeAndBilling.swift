import Testing

@testable import UsageCollector

/// The time and billing page's numbers, counted by hand from ``DashboardFixture/timeAndBillingEvents()``.
extension DashboardExpectations {
    static func matchTimeAndBillingFixture(_ snapshot: PageSnapshot) {
        #expect(
            snapshot.sections.map(\.id) == [
                "hours", "time-sheets", "invoices-by-bucket", "invoice-flow", "payment-methods",
            ])
        #expect(
            snapshot.section("hours")?.rows == [
                ["2026-10-04", "225", "180", "3.75", "3", "80%"],
                ["2026-10-11", "240", "150", "4", "2.5", "62.5%"],
                ["2026-10-18", "255", "210", "4.25", "3.5", "82.4%"],
                ["2026-10-25", "270", "150", "4.5", "2.5", "55.6%"],
                ["2026-11-01", "285", "240", "4.75", "4", "84.2%"],
            ])
        #expect(snapshot.section("hours")?.tooltips.contains("Logged (h), 2026-10-04: 3.75") == true)
        #expect(
            snapshot.section("time-sheets")?.rows
                == DashboardFixture.weeks.indices.map { week in
                    [
                        DashboardFixture.weeks[week], String(DashboardFixture.sheetsSubmittedPerWeek[week]),
                        String(DashboardFixture.sheetsApprovedPerWeek[week]),
                    ]
                })
        #expect(
            snapshot.section("invoice-flow")?.columns == ["Month", "Generated", "Sent", "Payments", "Partial payments"])
        #expect(
            snapshot.section("invoice-flow")?.rows.map { Array($0.dropFirst()) } == [
                ["6", "5", "3", "1"], ["4", "3", "3", "1"],
            ])
        let buckets = snapshot.section("invoices-by-bucket")
        var perBucket: [String: [String]] = [:]
        for (index, column) in (buckets?.columns ?? []).enumerated().dropFirst() {
            perBucket[column] = buckets?.rows.map { $0[index] }
        }
        #expect(
            perBucket == [
                "under_100": ["1", "0"], "100_to_1k": ["3", "2"], "1k_to_10k": ["2", "1"], "10k_to_100k": ["0", "1"],
            ])
        #expect(
            snapshot.section("payment-methods")?.rows
                == [["bank_transfer", "3", "1"], ["credit_card", "2", "1"], ["check", "1", "0"]])
        #expect(buckets?.columns == ["Month", "under_100", "100_to_1k", "1k_to_10k", "10k_to_100k"])
    }
}
