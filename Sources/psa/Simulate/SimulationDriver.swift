import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends a plan's requests to a PSA over HTTP: day by day, tenants side by side, each tenant's
/// requests in order, every one stamped with its `X-Simulated-Time`.
struct SimulationDriver: Sendable {
    /// Attempts of one request that keeps being throttled.
    static let maximumAttempts = 4
    /// Longest `Retry-After` waited out (a lock-out of `psa serve` lasts 15 minutes); a longer one
    /// counts the request as failed.
    static let maximumRetryWait: Duration = .seconds(16 * 60)
    /// Waits from this long on are announced, so that a pause is not mistaken for a hang.
    static let announcedWait: Duration = .seconds(5)
    static let requestTimeout: TimeAmount = .seconds(30)
    static let maximumResponseSize = 4 << 20

    let target: String
    let client: HTTPClient
    /// How a `Retry-After` is waited out (the clock in the command, a recorder in tests).
    let sleep: @Sendable (Duration) async throws -> Void
    /// Makes each user's password; random per run in the command.
    let makePassword: @Sendable () -> String

    /// Runs the whole plan and returns its tally; `progress` sees every request.
    func run(_ plan: SimulationPlan, progress: ProgressDisplay) async throws -> SimulationSummary {
        var sessions = plan.tenants.map { TenantSession(userCount: $0.users.count, makePassword: makePassword) }
        var summary = SimulationSummary()
        for day in plan.days {
            try Task.checkCancellation()
            let results = await withTaskGroup(of: (Int, TenantSession, [StepOutcome], Bool?).self) { group in
                for (index, steps) in day.steps.enumerated() {
                    let tenant = plan.tenants[index]
                    let session = sessions[index]
                    let checkTime = summary.simulatedTimeHonoured == nil
                    group.addTask {
                        var session = session
                        var outcomes: [StepOutcome] = []
                        var honoured: Bool?
                        for step in steps {
                            let (outcome, stamped) = await perform(
                                step, day: day.number, tenant: tenant, index: index, session: &session,
                                progress: progress)
                            if checkTime, honoured == nil, let stamped { honoured = stamped }
                            progress.record(outcome)
                            outcomes.append(outcome)
                        }
                        return (index, session, outcomes, honoured)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for (index, session, outcomes, honoured) in results.sorted(by: { $0.0 < $1.0 }) {
                sessions[index] = session
                outcomes.forEach { summary.record($0) }
                if summary.simulatedTimeHonoured == nil, let honoured {
                    summary.simulatedTimeHonoured = honoured
                    if !honoured {
                        progress.notice(
                            "note: the PSA ignores X-Simulated-Time (start it with `psa serve --simulation` to "
                                + "spread data over the simulated days); its data and events are stamped with the current time"
                        )
                    }
                }
            }
            progress.finishDay(day.number)
        }
        progress.finish()
        return summary
    }

    /// Sends one step (waiting out throttling) and judges the answer. The second value says,
    /// for a created ticket, whether the PSA stamped it with the simulated time.
    private func perform(
        _ step: PlannedStep, day: Int, tenant: SimulatedTenant, index: Int, session: inout TenantSession,
        progress: ProgressDisplay
    ) async -> (StepOutcome, Bool?) {
        let token = step.actor.flatMap { session.token(of: $0) }
        let rendered = PSARequest(step.action, tenant: tenant, identities: session)
        var outcome = StepOutcome(
            kind: step.action.kind, expectedStatus: step.expectedStatus, verdict: .skipped,
            route: "\(rendered?.method ?? "") \(rendered?.route ?? "")", day: day, tenant: index)
        guard let request = rendered, step.actor == nil || token != nil else { return (outcome, nil) }
        var answer: (status: Int, headers: HTTPHeaders, body: ByteBuffer)
        do {
            var attempt = 1
            while true {
                answer = try await send(request, token: token, time: step.time)
                guard answer.status == 429, !step.expectsFailure, attempt < Self.maximumAttempts,
                    let wait = Self.retryAfter(answer.headers), wait <= Self.maximumRetryWait
                else { break }
                if wait >= Self.announcedWait {
                    progress.notice(
                        "the PSA throttled \(outcome.route): waiting \(wait.components.seconds) s as its Retry-After asks"
                    )
                }
                try await sleep(wait)
                outcome.retries += 1
                attempt += 1
            }
        } catch {
            outcome = outcome.judged(.unexpected(status: 0, detail: "\(error)"))
            return (outcome, nil)
        }
        if answer.status == step.expectedStatus {
            outcome = outcome.judged(.asPlanned)
        } else if answer.status == 429, step.expectsFailure, step.action.kind == .failedLogin {
            outcome = outcome.judged(.throttled)
        } else {
            let body = String(buffer: answer.body)
            return (outcome.judged(.unexpected(status: answer.status, detail: Self.excerpt(body))), nil)
        }
        guard (200..<300).contains(answer.status) else { return (outcome, nil) }
        let fields = try? JSONDecoder.snakeCase.decode(ResponseFields.self, from: answer.body)
        if let fields { session.learn(from: step.action, response: fields) }
        if case .logout = step.action, let actor = step.actor { session.signOut(actor) }
        if case .search(let query) = step.action {
            outcome.resultCount = fields?.results?.count ?? 0
            outcome.searchOutcome = query.outcome
        }
        guard case .createTicket = step.action, let entered = fields?.enteredAt else { return (outcome, nil) }
        return (outcome, SimulatedClock.matches(entered, step.time))
    }

    private func send(_ request: PSARequest, token: String?, time: Date) async throws -> (
        status: Int, headers: HTTPHeaders, body: ByteBuffer
    ) {
        var http = HTTPClientRequest(url: target + request.path)
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "User-Agent", value: "psa-simulate")
        http.headers.add(name: SimulatedClock.header, value: SimulatedClock.format(time))
        if let token { http.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(http, timeout: Self.requestTimeout)
        let body = try await response.body.collect(upTo: Self.maximumResponseSize)
        return (Int(response.status.code), response.headers, body)
    }

    /// `Retry-After` in seconds; a missing or unreadable value waits one second.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let value = headers.first(name: "Retry-After") else { return .seconds(1) }
        guard let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return .seconds(1) }
        return .seconds(seconds)
    }

    /// The start of an error body, on one line, for the report.
    static func excerpt(_ body: String) -> String {
        let line = body.map { $0.isNewline ? " " : $0 }
        return line.count > 200 ? String(line.prefix(200)) + "…" : String(line)
    }
}

extension StepOutcome {
    fileprivate func judged(_ verdict: Verdict) -> StepOutcome {
        var copy = StepOutcome(
            kind: kind, expectedStatus: expectedStatus, verdict: verdict, route: route, day: day, tenant: tenant)
        copy.retries = retries
        return copy
    }
}

extension JSONDecoder {
    fileprivate static let snakeCase: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
