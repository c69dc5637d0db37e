import Foundation
import Testing

@testable import psa

/// The time tracking and billing part of a plan: consistent with the PSA's rules (no overlapping time, sheets
/// submitted before approval, invoices only for clients with billable time, a request a correct PSA accepts).
@Suite("psa simulate: time and billing in the plan")
struct BillingPlanTests {
    static func plan(days: Int = 14, seed: UInt64 = 1) throws -> SimulationPlan {
        try PlanFixtures.plan(days: days, seed: seed, billing: true)
    }

    @Test("two weeks bring every kind of time and billing request", arguments: [1, 2, 3] as [UInt64])
    func everyKindAppears(seed: UInt64) throws {
        let kinds = Set(try Self.plan(seed: seed).allSteps.map(\.action.kind))
        for kind in [
            RequestKind.createService, .createRule, .updateRule, .logTime, .submitTimesheet, .approveTimesheets,
            .generateInvoice, .sendInvoice, .recordPayment,
        ] {
            #expect(kinds.contains(kind), "seed \(seed): no \(kind.rawValue)")
        }
        #expect(try PlanFixtures.plan().allSteps.allSatisfy { !$0.action.kind.rawValue.contains("time") })
    }

    @Test("a correct PSA accepts every time and billing request as planned", arguments: [1, 4] as [UInt64])
    func replays(seed: UInt64) throws {
        let plan = try Self.plan(seed: seed)
        for (index, tenant) in plan.tenants.enumerated() {
            var replay = PlanReplay(tenant: tenant)
            for step in plan.days.flatMap({ $0.steps[index] }) {
                let refusal = replay.apply(step)
                #expect(refusal == nil, "tenant \(index): \(refusal ?? "")")
                if refusal != nil { break }
            }
        }
    }

    @Test("no one's time overlaps, and each week's time is logged before its sheet is submitted", arguments: [1, 5])
    func timeIsConsistent(seed: UInt64) throws {
        let plan = try Self.plan(seed: seed)
        for tenant in plan.tenants.indices {
            let steps = plan.days.flatMap { $0.steps[tenant] }
            var intervals: [UserRef: [(Date, Date)]] = [:]
            var submitted: [UserRef: Set<Date>] = [:]
            var sheets: Set<SheetRef> = []
            var invoices: Set<InvoiceRef> = []
            for step in steps {
                switch step.action {
                case .logTime(let draft):
                    let actor = try #require(step.actor)
                    let end = draft.start.addingTimeInterval(Double(draft.minutes) * 60)
                    #expect(intervals[actor, default: []].allSatisfy { $0.1 <= draft.start || end <= $0.0 })
                    intervals[actor, default: []].append((draft.start, end))
                    #expect(!submitted[actor, default: []].contains(BillingActivity.monday(of: draft.start)))
                    #expect(draft.isBillable == (draft.service != nil))
                    #expect((5...35).contains(draft.minutes))
                case .submitTimesheet(let sheet, let start):
                    submitted[try #require(step.actor), default: []].insert(start)
                    sheets.insert(sheet)
                case .approveTimesheet(let sheet):
                    #expect(sheets.contains(sheet))
                case .approveTimesheets(let batch):
                    #expect(batch.count > 1 && Set(batch).isSubset(of: sheets))
                case .generateInvoice(let invoice, _, let start, let lastDay):
                    #expect(lastDay.timeIntervalSince(start) == 6 * 86_400)
                    invoices.insert(invoice)
                case .sendInvoice(let invoice, _), .recordPayment(let invoice, _, _):
                    #expect(invoices.contains(invoice))
                default:
                    break
                }
            }
        }
    }
}
