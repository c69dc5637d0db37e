import Foundation
import Testing

@testable import psa

/// The plan alone: deterministic, consistent with what a PSA allows, and realistic in its proportions.
@Suite("psa simulate: the plan")
struct SimulationPlanTests {
    @Test("the same options, seed and run give the same plan")
    func deterministic() throws {
        #expect(try PlanFixtures.plan() == PlanFixtures.plan())
    }

    @Test("another seed gives another plan")
    func seedMatters() throws {
        let one = try PlanFixtures.plan(seed: 1)
        let two = try PlanFixtures.plan(seed: 2)
        #expect(one.allSteps.map(\.action) != two.allSteps.map(\.action))
        #expect(one.tenants.map(\.company) != two.tenants.map(\.company))
    }

    @Test("another run nonce changes the addresses, not the activity")
    func nonceChangesOnlyAddresses() throws {
        let first = try PlanFixtures.plan()
        let second = try PlanFixtures.plan(run: SimulationRun(nonce: "other2", now: PlanFixtures.now))
        #expect(first.allSteps.map(\.action.kind) == second.allSteps.map(\.action.kind))
        #expect(first.allSteps.map(\.time) == second.allSteps.map(\.time))
        let firstEmails = Set(first.tenants.flatMap(\.users).map(\.email))
        let secondEmails = Set(second.tenants.flatMap(\.users).map(\.email))
        #expect(firstEmails.isDisjoint(with: secondEmails))
    }

    @Test("every address is unique and uses the reserved .example domain", arguments: [1, 7, 60])
    func uniqueAddresses(tenants: Int) throws {
        let plan = try PlanFixtures.plan(tenants: tenants, agents: 12, clients: 8, days: 1)
        let emails = plan.tenants.flatMap(\.users).map(\.email)
        #expect(Set(emails).count == emails.count)
        #expect(emails.allSatisfy { $0.hasSuffix(".example") && $0.contains("-s1-fixed1") })
        #expect(Set(plan.tenants.map(\.company)).count == tenants)
    }

    @Test("times move forward through working hours of the last days, never past the present")
    func timesFollowTheCalendar() throws {
        let plan = try PlanFixtures.plan(days: 14)
        #expect(plan.days.count == 14)
        let last = plan.days.last!.hours
        #expect(last.end == PlanFixtures.now, "the last day is today, cut at now")
        #expect(plan.days.first!.hours.start == last.start.addingTimeInterval(-13 * 86400))
        #expect(plan.days.filter(\.hours.isWeekend).count == 4)
        for day in plan.days {
            for steps in day.steps {
                #expect(steps.allSatisfy { $0.time >= day.hours.start && $0.time <= day.hours.end })
                #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.time <= $1.time })
            }
        }
        let early = SimulationCalendar(days: 2, endingAt: PlanFixtures.now.addingTimeInterval(-8 * 3600))
        #expect(
            early.days.last!.end < PlanFixtures.now.addingTimeInterval(-8 * 3600), "before 09:00 today is not a day yet"
        )
        #expect(early.days.last!.end.timeIntervalSince(early.days.last!.start) == 10 * 3600)
    }

    @Test("every request is allowed at its point in the plan", arguments: [UInt64(1), 2, 3, 99])
    func consistent(seed: UInt64) throws {
        let plan = try PlanFixtures.plan(seed: seed)
        for (index, tenant) in plan.tenants.enumerated() {
            var replay = PlanReplay(tenant: tenant)
            for step in plan.days.flatMap({ $0.steps[index] }) {
                if let problem = replay.apply(step) { Issue.record("tenant \(index): \(problem)") }
            }
        }
    }

    @Test("the default plan has realistic proportions and a bounded size")
    func proportions() throws {
        let plan = try PlanFixtures.plan()
        let steps = plan.allSteps
        let count = { (kind: RequestKind) in steps.filter { $0.action.kind == kind }.count }
        #expect((800...5000).contains(plan.requestCount))
        #expect(count(.signup) == 4, "three companies and one duplicate attempt")
        let logins = count(.login) + count(.failedLogin)
        #expect(Double(count(.failedLogin)) / Double(logins) > 0.02)
        #expect(Double(count(.failedLogin)) / Double(logins) < 0.2)
        #expect(steps.contains { if case .login(_, .unknownEmail) = $0.action { true } else { false } })
        #expect(steps.contains { if case .login(_, .deactivatedAccount) = $0.action { true } else { false } })
        #expect(count(.logout) > count(.login) / 2 && count(.logout) <= count(.login))

        let drafts = steps.compactMap { if case .createTicket(_, let draft) = $0.action { draft } else { nil } }
        let share = { (include: (TicketDraft) -> Bool) in Double(drafts.filter(include).count) / Double(drafts.count) }
        #expect(drafts.count > 100)
        #expect(share { $0.priority == .medium } > share { $0.priority == .high })
        #expect(share { $0.priority == .urgent } < 0.15)
        #expect(Set(drafts.map(\.source)) == Set(TicketSource.allCases))
        #expect((0.1...0.45).contains(share { $0.source == .clientPortal }))
        #expect((0.7...0.95).contains(share { $0.category != nil }))

        let changes = steps.compactMap { if case .updateTicket(_, let change) = $0.action { change } else { nil } }
        let resolved = changes.filter { $0.status == .resolved }.count
        #expect(Double(resolved) / Double(drafts.count) > 0.3)
        #expect(changes.contains { $0.status == .waitingOnClient } && changes.contains { $0.status == .closed })
        #expect(Double(count(.deleteTicket)) / Double(drafts.count) > 0.01)
        #expect(Double(count(.deleteTicket)) / Double(drafts.count) < 0.15)
        #expect(steps.contains { if case .readTicket = $0.action { $0.expectedStatus == 404 } else { false } })

        let comments = steps.compactMap { if case .comment(_, let draft) = $0.action { draft } else { nil } }
        #expect(comments.contains(where: \.isInternal) && comments.contains { !$0.isInternal })
        #expect(comments.filter(\.isResolution).count == resolved)

        let searches = steps.compactMap { if case .search(let query) = $0.action { query } else { nil } }
        #expect(searches.count > 100)
        #expect(searches.filter { $0.outcome == .expectsResults }.count > searches.count / 4)
        #expect(searches.contains { $0.outcome == .expectsNone })
        #expect(searches.contains { $0.assignedTo != nil } && searches.contains { $0.client != nil })
        #expect(searches.contains { $0.includeClosed == true } && searches.contains { $0.limit != nil })
    }

    @Test(
        "a run's deliberate failed sign-ins stay under psa serve's per-address limit, spread over its days",
        arguments: [(3, 14), (100, 1), (1, 90), (7, 30), (1, 1)])
    func failedLoginBudget(tenants: Int, days: Int) throws {
        let plan = try PlanFixtures.plan(tenants: tenants, agents: 2, clients: 1, days: days)
        let failures = plan.allSteps.filter { if case .login = $0.action { $0.expectedStatus == 401 } else { false } }
        #expect(failures.count == SimulationPlan.failedLogins(tenants: tenants, days: days))
        #expect((1...6).contains(failures.count))
        let days = Set(plan.days.filter { $0.steps.joined().contains { failures.contains($0) } }.map(\.number))
        #expect(days.count > 1 || plan.days.count == 1, "spread over the run, not bunched on one day")
    }

    @Test("weekends are quieter than weekdays")
    func weekends() throws {
        let plan = try PlanFixtures.plan(days: 28)
        let weekend = plan.days.filter(\.hours.isWeekend)
        let weekday = plan.days.filter { !$0.hours.isWeekend }
        let average = { (days: [SimulationPlan.Day]) in
            Double(days.map(\.requestCount).reduce(0, +)) / Double(days.count)
        }
        #expect(average(weekend) < average(weekday) / 2)
    }

    @Test("the smallest plan still signs up, creates the agent and searches")
    func smallest() throws {
        let plan = try PlanFixtures.plan(tenants: 1, agents: 1, clients: 0, days: 1)
        let kinds = Set(plan.allSteps.map(\.action.kind))
        #expect(kinds.isSuperset(of: [.signup, .login, .createUser, .search]))
        #expect(plan.requestCount < 60)
    }
}
