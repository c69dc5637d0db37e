/// The traffic `psa simulate --experiment` adds to a tenant's days, drawn from a seeded stream of its own so that
/// the rest of the plan is the same as without the option.
///
/// Tickets often mention other subjects in their descriptions ("the caller also mentions the VPN problem"), so a
/// one-word search matches those as well as the tickets about it; and about twice a run someone looks for one
/// older open ticket by a word of its title (``FindTicketTask``). Neither draws from the tenant's own stream, so
/// the rest of the plan (and every time in it) is the same as without `--experiment`. Ranked by recency, the newer mentions push the
/// ticket out of what they read; ranked by relevance, title matches come first.
struct SearchExperimentActivity: Sendable {
    /// The share of new tickets whose description mentions another subject.
    static let mentionChance = 0.7
    /// Searches for one ticket per tenant over a run, on average.
    static let tasksPerRun = 2.0
    /// The share of people who refine with the whole title after a first query that failed.
    static let refineChance = 0.35

    var generator: SeededGenerator
    let totalDays: Int

    /// `work` with a mention added to some new tickets' descriptions: mostly of an open ticket's subject.
    mutating func mentioning(
        _ work: [TenantActivity.Intent], openTickets: [TenantActivity.Ticket]
    ) -> [TenantActivity.Intent] {
        work.map { intent in
            guard case .createTicket(let reference, var draft) = intent.action, generator.chance(Self.mentionChance)
            else { return intent }
            let subject =
                generator.chance(0.8) ? openTickets.randomElement(using: &generator)?.title : nil
            let keyword = SimulationVocabulary.keyword(
                of: subject ?? SimulationVocabulary.ticketTitles.randomElement(using: &generator)!)
            guard keyword != SimulationVocabulary.keyword(of: draft.title) else { return intent }
            let mention = "The caller also mentions the \(keyword.lowercased()) problem."
            draft.description = draft.description.map { $0 + " " + mention } ?? mention
            return TenantActivity.Intent(
                actor: intent.actor, action: .createTicket(reference, draft), expectedStatus: intent.expectedStatus)
        }
    }

    /// The day's `steps` with, on about ``tasksPerRun`` days of the run, someone at work looking for an open
    /// ticket created on an earlier day: right after their last request of the day (before they sign out), at
    /// the midpoint to the next step. The other steps and their times are left exactly as they were.
    mutating func addingFindTask(
        to steps: [PlannedStep], day: Int, staff: Set<UserRef>, tickets: [TenantActivity.Ticket]
    ) -> [PlannedStep] {
        let working = Set(steps.compactMap { step in step.actor.flatMap { staff.contains($0) ? $0 : nil } })
        guard generator.chance(min(1, Self.tasksPerRun / Double(totalDays))),
            let seeker = working.sorted().randomElement(using: &generator),
            let target = tickets.filter({ !$0.deleted && $0.status.isOpen && $0.createdDay < day })
                .randomElement(using: &generator),
            let last = steps.lastIndex(where: { $0.actor == seeker && $0.action != .logout })
        else { return steps }
        var queries = [SimulationVocabulary.keyword(of: target.title)]
        if generator.chance(Self.refineChance) { queries.append(target.title) }
        let task = FindTicketTask(
            target: target.reference, queries: queries,
            patience: Int.random(in: FindTicketTask.patienceRange, using: &generator))
        let time =
            last + 1 < steps.count
            ? steps[last].time.addingTimeInterval(steps[last + 1].time.timeIntervalSince(steps[last].time) / 2)
            : steps[last].time
        var result = steps
        result.insert(
            PlannedStep(time: time, actor: seeker, action: .findTicket(task), expectedStatus: 200), at: last + 1)
        return result
    }
}
