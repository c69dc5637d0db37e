import Foundation

@testable import UsageCollector

/// Five weeks of time tracking and billing events (docs/EVENTS.md's properties), from Sunday 2026-10-04 to
/// Saturday 2026-11-07: before the five days the other pages are checked on, so their counts stay as they are.
extension DashboardFixture {
    static let timeAndBillingRangeQuery = "from=2026-10-04&to=2026-11-07"
    static let weeks = ["2026-10-04", "2026-10-11", "2026-10-18", "2026-10-25", "2026-11-01"]

    /// Each week's time entries: `duration_minutes` and `is_billable`.
    static func timeEntries(week: Int) -> [(minutes: Int, billable: Bool)] {
        [(60, true), (90, true), (45, false), (30 + 15 * week, week % 2 == 0)]
    }

    static let sheetsSubmittedPerWeek = [2, 3, 3, 4, 2]
    static let sheetsApprovedPerWeek = [1, 2, 3, 3, 3]
    /// Days after 2026-10-04 and `amount_bucket` of each generated invoice (2026-11-01 is day 28).
    static let invoices: [(day: Int, bucket: String)] = [
        (1, "under_100"), (2, "100_to_1k"), (8, "100_to_1k"), (15, "1k_to_10k"), (16, "100_to_1k"),
        (22, "1k_to_10k"), (29, "100_to_1k"), (30, "10k_to_100k"), (31, "1k_to_10k"), (32, "100_to_1k"),
    ]
    static let invoicesSentOnDays = [3, 9, 17, 23, 24, 30, 32, 33]
    static let payments: [(day: Int, method: String, partial: Bool)] = [
        (10, "credit_card", false), (18, "bank_transfer", true), (25, "bank_transfer", false),
        (29, "check", false), (33, "credit_card", true), (33, "bank_transfer", false),
    ]

    /// The range's query parameters for a report page.
    static func rangeQuery(for page: ReportPage) -> String {
        page == .timeAndBilling ? Self.timeAndBillingRangeQuery : Self.rangeQuery
    }

    /// `hour`:`minute` UTC on the day `day` days after 2026-10-04.
    static func october(_ day: Int, hour: Int, minute: Int) -> String {
        let start = Date(timeIntervalSince1970: 1_791_072_000)  // 2026-10-04T00:00:00Z
        let moment = start.addingTimeInterval(TimeInterval(day * 86_400 + hour * 3_600 + minute * 60))
        return moment.formatted(.iso8601)
    }

    static func timeAndBillingEvents() -> [String] {
        var events: [String] = []
        func add(_ name: String, _ user: String, _ time: String, _ properties: String) {
            events.append(Self.payload(name, user, time, properties))
        }
        for week in 0..<Self.weeks.count {
            for (index, entry) in Self.timeEntries(week: week).enumerated() {
                add(
                    "time_entry_created", Self.users[index], Self.october(7 * week + 1 + index, hour: 9, minute: 0),
                    #""duration_minutes": \#(entry.minutes), "is_billable": \#(entry.billable), "#
                        + #""has_notes": false, "work_item_type": "ticket", "approval_status": "draft""#)
            }
            for (name, count) in [
                ("time_sheet_submitted", Self.sheetsSubmittedPerWeek[week]),
                ("time_sheet_approved", Self.sheetsApprovedPerWeek[week]),
            ] {
                for index in 0..<count {
                    add(
                        name, Self.users[index], Self.october(7 * week + 5, hour: 16, minute: index),
                        #""entry_count": 4, "total_hours": 37.5, "period_days": 7, "approval_type": "manual""#)
                }
            }
        }
        for (index, invoice) in Self.invoices.enumerated() {
            add(
                "invoice_generated", Self.users[0], Self.october(invoice.day, hour: 10, minute: index),
                #""line_count": 3, "is_manual": false, "amount_bucket": "\#(invoice.bucket)""#)
        }
        for (index, day) in Self.invoicesSentOnDays.enumerated() {
            add(
                "invoice_sent", Self.users[0], Self.october(day, hour: 11, minute: index),
                #""delivery_method": "email", "days_since_generated": 1"#)
        }
        for (index, payment) in Self.payments.enumerated() {
            add(
                "payment_processed", Self.users[1], Self.october(payment.day, hour: 14, minute: index),
                #""method": "\#(payment.method)", "is_partial": \#(payment.partial)"#)
        }
        return events
    }
}
