/// The ticket work of a day: arrivals, triage, progress and resolution.
extension TenantActivity {
    private typealias Words = SimulationVocabulary

    /// New tickets: from agents (by phone, email, API or an asset page) and from client users in the portal.
    mutating func newTickets(day: Int, staff: [UserRef], activity: Double) -> [Intent] {
        let expected = (1.0 + Double(tenant.agents.count) * 0.6) * activity * (day == 0 ? 0.5 : 1)
        let count = Int((expected * Double.random(in: 0.5...1.5, using: &generator)).rounded())
        let portalUsers = tenant.clientUsers.filter { !inactive.contains($0) }
        var intents: [Intent] = []
        for _ in 0..<count {
            let reference = TicketRef(index: tickets.count)
            let title = Words.ticketTitles.randomElement(using: &generator)!
            let category = generator.chance(0.85) ? Words.categories.randomElement(using: &generator)! : nil
            var draft = TicketDraft(
                title: title,
                description: generator.chance(0.8) ? Words.descriptions.randomElement(using: &generator)! : nil,
                priority: priority(), category: category?.name,
                subcategory: generator.chance(0.7) ? category?.subcategories.randomElement(using: &generator) : nil,
                assignee: nil, source: .webApp, client: nil)
            let creator: UserRef
            if let portalUser = portalUsers.randomElement(using: &generator), generator.chance(0.3) {
                creator = portalUser
                draft.source = .clientPortal
                draft.client = tenant.user(portalUser).client
                if draft.priority == .urgent { draft.priority = .high }
            } else {
                creator = staff.randomElement(using: &generator)!
                draft.source = staffSource()
                if !tenant.clients.isEmpty, generator.chance(0.9) {
                    draft.client = ClientRef(index: Int.random(in: 0..<tenant.clients.count, using: &generator))
                }
                if creator != SimulatedTenant.admin, generator.chance(0.25) { draft.assignee = creator }
            }
            tickets.append(
                Ticket(
                    reference: reference, title: title, client: draft.client, createdDay: day, status: .new,
                    assignee: draft.assignee, hasCategory: draft.category != nil))
            intents.append(Intent(actor: creator, action: .createTicket(reference, draft), expectedStatus: 201))
            if generator.chance(0.4) {
                intents.append(Intent(actor: creator, action: .readTicket(reference), expectedStatus: 200))
            }
        }
        return intents
    }

    /// Unassigned tickets get an assignee; tickets of absent agents are often reassigned.
    mutating func triage(staff: [UserRef]) -> [Intent] {
        let agents = staff.filter { $0 != SimulatedTenant.admin }
        guard !agents.isEmpty else { return [] }
        let dispatcher = staff.first!
        var intents: [Intent] = []
        for index in tickets.indices where !tickets[index].deleted && tickets[index].status.isOpen {
            let current = tickets[index].assignee
            let decides: Bool
            if let current {
                // The assignee is away today: sometimes the dispatcher hands the ticket on.
                decides = !agents.contains(current) && generator.chance(0.3)
            } else {
                decides = generator.chance(0.75)
            }
            guard decides else { continue }
            let assignee = agents.filter { $0 != current }.randomElement(using: &generator) ?? agents[0]
            guard assignee != current else { continue }
            tickets[index].assignee = assignee
            intents.append(update(index, by: dispatcher, TicketChange(assignee: assignee)))
        }
        return intents
    }

    /// Each working assignee moves their tickets on: start, ask the client, resolve, close. On a
    /// quiet day (`activity` below 1, weekends) only some of them are touched.
    mutating func progress(staff: [UserRef], activity: Double) -> [Intent] {
        var intents: [Intent] = []
        for index in tickets.indices where !tickets[index].deleted {
            guard let worker = tickets[index].assignee, staff.contains(worker), generator.chance(activity) else {
                continue
            }
            let reference = tickets[index].reference
            if generator.chance(0.5) {
                intents.append(Intent(actor: worker, action: .readTicket(reference), expectedStatus: 200))
            }
            switch tickets[index].status {
            case .new:
                guard generator.chance(0.8) else { continue }
                if generator.chance(0.4) { intents.append(comment(index, by: worker, Words.externalComments)) }
                intents.append(move(index, to: .inProgress, by: worker))
            case .inProgress:
                let roll = Double.random(in: 0..<1, using: &generator)
                if roll < 0.35 {
                    intents.append(comment(index, by: worker, Words.resolutions, isResolution: true))
                    intents.append(move(index, to: .resolved, by: worker))
                } else if roll < 0.55 {
                    intents.append(comment(index, by: worker, Words.externalComments))
                    intents.append(move(index, to: .waitingOnClient, by: worker))
                } else if roll < 0.8 {
                    intents.append(comment(index, by: worker, Words.internalComments, isInternal: true))
                }
                if generator.chance(0.07) {
                    intents.append(update(index, by: worker, TicketChange(priority: priority())))
                }
            case .waitingOnClient:
                if let client = tickets[index].client, let user = portalUser(of: client), generator.chance(0.6) {
                    intents.append(comment(index, by: user, Words.clientReplies))
                    intents.append(move(index, to: .inProgress, by: worker))
                } else if generator.chance(0.2) {
                    intents.append(move(index, to: .inProgress, by: worker))
                }
            case .resolved:
                if generator.chance(0.5) { intents.append(move(index, to: .closed, by: worker)) }
            case .closed:
                continue
            }
            if !tickets[index].hasCategory, generator.chance(0.1) {
                let category = Words.categories.randomElement(using: &generator)!
                tickets[index].hasCategory = true
                intents.append(
                    update(
                        index, by: worker,
                        TicketChange(category: category.name, subcategory: category.subcategories.first)))
            }
            if generator.chance(0.1) {
                intents.append(Intent(actor: worker, action: .listComments(reference), expectedStatus: 200))
            }
        }
        return intents
    }

    private func portalUser(of client: ClientRef) -> UserRef? {
        tenant.clientUsers.first { tenant.user($0).client == client && !inactive.contains($0) }
    }

    private mutating func move(_ index: Int, to status: TicketStatus, by actor: UserRef) -> Intent {
        tickets[index].status = status
        return update(index, by: actor, TicketChange(status: status))
    }

    private func update(_ index: Int, by actor: UserRef, _ change: TicketChange) -> Intent {
        Intent(actor: actor, action: .updateTicket(tickets[index].reference, change), expectedStatus: 200)
    }

    private mutating func comment(
        _ index: Int, by actor: UserRef, _ bodies: [String], isInternal: Bool = false, isResolution: Bool = false
    ) -> Intent {
        let draft = CommentDraft(
            body: bodies.randomElement(using: &generator)!, isInternal: isInternal, isResolution: isResolution)
        return Intent(actor: actor, action: .comment(tickets[index].reference, draft), expectedStatus: 201)
    }

    /// low 25 %, medium 45 %, high 22 %, urgent 8 %.
    mutating func priority() -> TicketPriority {
        let roll = Double.random(in: 0..<1, using: &generator)
        return roll < 0.25 ? .low : roll < 0.70 ? .medium : roll < 0.92 ? .high : .urgent
    }

    /// web app 45 %, email 30 %, API 10 %, asset page 15 %.
    private mutating func staffSource() -> TicketSource {
        let roll = Double.random(in: 0..<1, using: &generator)
        return roll < 0.45 ? .webApp : roll < 0.75 ? .email : roll < 0.85 ? .api : .assetPage
    }
}
