import NIOCore

/// A ``FindTicketTask`` over HTTP: what the person does next depends on what the PSA answered.
extension SimulationDriver {
    /// Searches with each query in turn and opens the ticket (`?from=search`) as soon as it is among the results
    /// they read; the outcome says whether they found it. Skipped when the ticket or the session is unknown.
    func find(
        _ task: FindTicketTask, step: PlannedStep, day: Int, tenant: SimulatedTenant, index: Int,
        session: TenantSession, progress: ProgressDisplay
    ) async -> StepOutcome {
        var outcome = StepOutcome(
            kind: .findTicket, expectedStatus: 200, verdict: .skipped, route: "GET /api/tickets", day: day,
            tenant: index)
        guard let actor = step.actor, let token = session.token(of: actor), let target = session.id(of: task.target)
        else { return outcome }
        do {
            for query in task.queries {
                let search = PSARequest(
                    .search(SearchQuery(text: query, outcome: .expectsResults)), tenant: tenant, identities: session)
                guard let search else { return outcome }
                let answer = try await sendWaitingOutThrottling(
                    step, search, token: token, outcome: &outcome, progress: progress)
                guard answer.status == 200 else { return Self.judged(outcome, unexpected: answer) }
                let results = Self.fields(of: answer)?.results?.compactMap(\.id) ?? []
                guard task.position(of: target, in: results) != nil else { continue }
                let open = PSARequest(
                    "GET", "/api/tickets/\(PSARequest.segment(target))?from=search", route: "/api/tickets/{id}")
                outcome.route = "GET /api/tickets/{id}"
                let opened = try await sendWaitingOutThrottling(
                    step, open, token: token, outcome: &outcome, progress: progress)
                guard opened.status == 200 else { return Self.judged(outcome, unexpected: opened) }
                outcome.foundTicket = true
                outcome.verdict = .asPlanned
                return outcome
            }
        } catch {
            outcome.verdict = .unexpected(status: 0, detail: Self.excerpt("\(error)"))
            return outcome
        }
        outcome.foundTicket = false
        outcome.verdict = .asPlanned
        return outcome
    }

    private static func judged(_ outcome: StepOutcome, unexpected answer: Answer) -> StepOutcome {
        var judged = outcome
        judged.verdict = .unexpected(status: answer.status, detail: excerpt(String(buffer: answer.body)))
        return judged
    }
}
