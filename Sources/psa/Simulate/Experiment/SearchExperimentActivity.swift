/// The traffic `psa simulate --experiment` adds to a tenant's days, drawn from a seeded stream of its own so that
/// the rest of the plan is the same as without the option.
///
/// Tickets often mention other subjects in their descriptions ("the caller also mentions the VPN problem"), so a
/// one-word search matches those as well as the tickets about it; and once a run someone looks for one of the
/// oldest open tickets by a word of its title (``FindTicketTask``). Neither draws from the tenant's own stream, so
/// the rest of the plan (and every time in it) is the same as without `--experiment`. Ranked by recency, the newer mentions push the
/// ticket out of what they read; ranked by relevance, title matches come first.
struct SearchExperimentActivity: Sendable {
    /// The share of new tickets whose description mentions other subjects (two of them).
    static let mentionChance = 0.9
    /// The share of people who refine with the whole title after a first query that failed.
    static let refineChance = 0.25
    /// They look for one of the oldest open tickets: this many of them are candidates.
    static let oldestCandidates = 3

    var generator: SeededGenerator
    /// The first day the tenant's search for one ticket may happen (from the third day, when older tickets exist).
    let searchDay: Int
    /// Whether the search happened: one per tenant, so that the experiment's unit (the tenant) is not saturated by
    /// many tries.
    var searched = false

    init(generator: SeededGenerator, totalDays: Int) {
        self.generator = generator
        searchDay = Int.random(in: min(2, totalDays - 1)...(totalDays - 1), using: &self.generator)
    }

    /// `work` with a mention added to some new tickets' descriptions: mostly of an open ticket's subject.
    mutating func mentioning(
        _ work: [TenantActivity.Intent], openTickets: [TenantActivity.Ticket]
    ) -> [TenantActivity.Intent] {
        work.map { intent in
            guard case .createTicket(let reference, var draft) = intent.action, generator.chance(Self.mentionChance)
            else { return intent }
            let own = SimulationVocabulary.keyword(of: draft.title)
            let keywords = (0..<2).map { _ in
                let subject = generator.chance(0.8) ? openTickets.randomElement(using: &generator)?.title : nil
                return SimulationVocabulary.keyword(
                    of: subject ?? SimulationVocabulary.ticketTitles.randomElement(using: &generator)!
                ).lowercased()
            }
            let others = Array(Set(keywords.filter { $0 != own.lowercased() })).sorted()
            guard !others.isEmpty else { return intent }
            let mention = "The caller also mentions the \(others.joined(separator: " and ")) problem."
            draft.description = draft.description.map { $0 + " " + mention } ?? mention
            return TenantActivity.Intent(
                actor: intent.actor, action: .createTicket(reference, draft), expectedStatus: intent.expectedStatus)
        }
    }

    /// The day's `steps` with, once a run (on ``searchDay`` or the first day after it that has one), someone at
    /// work looking for one of the oldest open tickets, created on an earlier day: right after their last request of the day (before they sign out), at
    /// the midpoint to the next step. The other steps and their times are left exactly as they were.
    mutating func addingFindTask(
        to steps: [PlannedStep], day: Int, staff: Set<UserRef>, tickets: [TenantActivity.Ticket]
    ) -> [PlannedStep] {
        let working = Set(steps.compactMap { step in step.actor.flatMap { staff.contains($0) ? $0 : nil } })
        guard !searched, day >= searchDay,
            let seeker = working.sorted().randomElement(using: &generator),
            let target = tickets.filter({ !$0.deleted && $0.status.isOpen && $0.createdDay < day })
                .prefix(Self.oldestCandidates).randomElement(using: &generator),
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
        searched = true
        var result = steps
        result.insert(
            PlannedStep(time: time, actor: seeker, action: .findTicket(task), expectedStatus: 200), at: last + 1)
        return result
    }
}
