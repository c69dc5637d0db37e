import Foundation
import Testing

@testable import psa

/// The plan of `psa simulate --experiment`: the base activity untouched, tickets that mention other subjects,
/// and searches for one older open ticket, all reproducible from the seed.
@Suite("psa simulate: the experiment's plan")
struct ExperimentPlanTests {
    static let mention = " The caller also mentions the "

    /// `action` as it would be without the experiment: the mention cut from a new ticket's description.
    static func withoutMention(_ action: PlannedAction) -> PlannedAction {
        guard case .createTicket(let reference, var draft) = action, let description = draft.description else {
            return action
        }
        if let range = description.range(of: mention) {
            draft.description = String(description[..<range.lowerBound])
        } else if description.hasPrefix(mention.dropFirst()) {
            draft.description = nil
        }
        return .createTicket(reference, draft)
    }

    static func findTasks(_ plan: SimulationPlan) -> [(day: Int, tenant: Int, step: PlannedStep, task: FindTicketTask)]
    {
        plan.days.enumerated().flatMap { day, planned in
            planned.steps.enumerated().flatMap { tenant, steps in
                steps.compactMap { step in
                    if case .findTicket(let task) = step.action { return (day, tenant, step, task) }
                    return nil
                }
            }
        }
    }

    @Test("the same seed gives the same experiment plan; without --experiment there is none of it")
    func reproducibleAndOptional() throws {
        let plan = try PlanFixtures.plan(tenants: 20, agents: 3, clients: 1, experiment: true)
        #expect(plan == (try PlanFixtures.plan(tenants: 20, agents: 3, clients: 1, experiment: true)))
        #expect(!Self.findTasks(plan).isEmpty)
        let base = try PlanFixtures.plan(tenants: 20, agents: 3, clients: 1)
        #expect(Self.findTasks(base).isEmpty)
        #expect(!base.allSteps.contains { "\($0.action)".contains("also mentions") })
    }

    @Test("the rest of the plan, times included, is exactly the plan without --experiment")
    func baseActivityUnchanged() throws {
        let base = try PlanFixtures.plan(tenants: 12, agents: 3, clients: 2, days: 10)
        let experiment = try PlanFixtures.plan(tenants: 12, agents: 3, clients: 2, days: 10, experiment: true)
        for (day, (withTasks, without)) in zip(experiment.days, base.days).enumerated() {
            for tenant in without.steps.indices {
                let kept = withTasks.steps[tenant].filter {
                    if case .findTicket = $0.action { return false }
                    return true
                }
                #expect(kept.map(\.time) == without.steps[tenant].map(\.time), "day \(day), tenant \(tenant)")
                #expect(kept.map { Self.withoutMention($0.action) } == without.steps[tenant].map(\.action))
            }
        }
        let mentions = experiment.allSteps.filter { "\($0.action)".contains("also mentions") }
        let created = experiment.allSteps.filter { $0.action.kind == .createTicket }
        #expect(Double(mentions.count) > 0.4 * Double(created.count))
    }

    @Test("each search is for a ticket of an earlier day, by staff signed in, and the whole plan stays consistent")
    func findTasksAreFeasible() throws {
        let plan = try PlanFixtures.plan(tenants: 30, agents: 3, clients: 1, days: 10, experiment: true)
        let tasks = Self.findTasks(plan)
        // One per tenant over the run, the experiment's unit; all but the odd tenant without an older open ticket.
        #expect(Set(tasks.map(\.tenant)).count == tasks.count)
        #expect(tasks.count >= 27)
        // Each by someone signed in and active, for a ticket that exists and is not deleted.
        for (index, tenant) in plan.tenants.enumerated() {
            var replay = PlanReplay(tenant: tenant)
            for step in plan.days.flatMap({ $0.steps[index] }) {
                if let problem = replay.apply(step) { Issue.record("tenant \(index): \(problem)") }
            }
        }
        for (day, tenant, step, task) in tasks {
            #expect(FindTicketTask.patienceRange.contains(task.patience))
            #expect((1...2).contains(task.queries.count))
            let seeker = try #require(step.actor)
            #expect(plan.tenants[tenant].user(seeker).role != .client)
            let earlierDays = plan.days[..<day].flatMap { $0.steps[tenant] }
            // Created on an earlier day, under a title whose keyword is the first query.
            let creation = earlierDays.first { step in
                if case .createTicket(let reference, _) = step.action { return reference == task.target }
                return false
            }
            guard case .createTicket(_, let draft)? = creation?.action else {
                Issue.record("ticket \(task.target) was not created before day \(day)")
                continue
            }
            #expect(task.queries[0] == SimulationVocabulary.keyword(of: draft.title))
            #expect(task.queries.count == 1 || task.queries[1] == draft.title)
            let tenantSteps = plan.days.flatMap { $0.steps[tenant] }
            #expect(!tenantSteps.contains { $0.action == .deleteTicket(task.target) && $0.time < step.time })
        }
    }
}
