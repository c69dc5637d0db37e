/// Searches and the admin's housekeeping: deletions, stale links, departing client users.
extension TenantActivity {
    /// One to three searches per person at work: for a word of an open ticket, for a word no
    /// ticket has, and by filters (my tickets, a client's history, urgent work).
    mutating func searches(staff: [UserRef], activity: Double) -> [Intent] {
        var intents: [Intent] = []
        for member in staff {
            let count = Int.random(in: 1...3, using: &generator)
            for _ in 0..<count where generator.chance(activity) {
                intents.append(Intent(actor: member, action: .search(search(by: member)), expectedStatus: 200))
            }
        }
        return intents
    }

    private mutating func search(by member: UserRef) -> SearchQuery {
        let open = tickets.filter { !$0.deleted && $0.status.isOpen }
        var query = SearchQuery(outcome: .unknown)
        let roll = Double.random(in: 0..<1, using: &generator)
        if roll < 0.5, let ticket = open.randomElement(using: &generator) {
            query.text = SimulationVocabulary.keyword(of: ticket.title)
            query.outcome = .expectsResults
        } else if roll < 0.65 {
            query.text = SimulationVocabulary.absentWords.randomElement(using: &generator)!
            query.outcome = .expectsNone
        } else if roll < 0.8, member != SimulatedTenant.admin {
            query.assignedTo = member
            query.status = generator.chance(0.5) ? .inProgress : nil
        } else if roll < 0.9, !tenant.clients.isEmpty {
            query.client = ClientRef(index: Int.random(in: 0..<tenant.clients.count, using: &generator))
            query.includeClosed = true
        } else {
            query.priority = generator.chance(0.5) ? .urgent : .high
        }
        if generator.chance(0.3) { query.limit = [10, 25, 50].randomElement(using: &generator) }
        return query
    }

    /// The admin deletes the odd duplicate, an agent follows a link to a deleted ticket, and
    /// a third of the way through the run a client user leaves and is deactivated (on a day they are not
    /// signed in, so no session of theirs is still in use).
    mutating func housekeeping(day: Int, staff: [UserRef], busy: Set<UserRef>) -> [Intent] {
        let admin = SimulatedTenant.admin
        guard staff.first == admin else { return [] }
        var intents: [Intent] = []
        for index in tickets.indices where !tickets[index].deleted && day - tickets[index].createdDay <= 1 {
            guard generator.chance(0.06) else { continue }
            tickets[index].deleted = true
            intents.append(Intent(actor: admin, action: .deleteTicket(tickets[index].reference), expectedStatus: 204))
        }
        if let gone = tickets.filter(\.deleted).randomElement(using: &generator), staff.count > 1,
            generator.chance(0.2)
        {
            let reader = staff[Int.random(in: 1..<staff.count, using: &generator)]
            intents.append(Intent(actor: reader, action: .readTicket(gone.reference), expectedStatus: 404))
        }
        let leaving = tenant.clientUsers.filter { tenant.user($0).client == ClientRef(index: 0) }.dropFirst().first
        if let leaving, !busy.contains(leaving), inactive.isEmpty, day >= totalDays / 3, day > 0, generator.chance(0.7)
        {
            inactive.insert(leaving)
            intents.append(Intent(actor: admin, action: .deactivateUser(leaving), expectedStatus: 200))
        }
        return intents
    }
}
