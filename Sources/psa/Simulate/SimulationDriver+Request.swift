import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request of the driver: rendering, sending (waiting out throttling), and judging the answer.
extension SimulationDriver {
    static let requestTimeout: TimeAmount = .seconds(30)
    static let maximumResponseSize = 4 << 20

    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    /// Sends one step and judges the answer. The second value says, for a created ticket, whether
    /// the PSA stamped it with the simulated time.
    func perform(
        _ step: PlannedStep, day: Int, tenant: SimulatedTenant, index: Int, session: inout TenantSession,
        progress: ProgressDisplay
    ) async -> (StepOutcome, Bool?) {
        if case .findTicket(let task) = step.action {
            let outcome = await find(
                task, step: step, day: day, tenant: tenant, index: index, session: session, progress: progress)
            return (outcome, nil)
        }
        let token = step.actor.flatMap { session.token(of: $0) }
        let rendered = PSARequest(step.action, tenant: tenant, identities: session)
        var outcome = StepOutcome(
            kind: step.action.kind, expectedStatus: step.expectedStatus, verdict: .skipped,
            route: "\(rendered?.method ?? "") \(rendered?.route ?? "")", day: day, tenant: index)
        // Not sent when an earlier failure left it without an id or a session.
        guard let request = rendered, step.actor == nil || token != nil else { return (outcome, nil) }
        let answer: Answer
        do {
            answer = try await sendWaitingOutThrottling(
                step, request, token: token, outcome: &outcome, progress: progress)
        } catch {
            outcome.verdict = .unexpected(status: 0, detail: Self.excerpt("\(error)"))
            return (outcome, nil)
        }
        if answer.status == step.expectedStatus {
            outcome.verdict = .asPlanned
        } else if answer.status == 429, step.action.kind == .failedLogin {
            // The PSA may throttle a deliberate bad sign-in rather than refuse it: both are right.
            outcome.verdict = .throttled
        } else {
            outcome.verdict = .unexpected(status: answer.status, detail: Self.excerpt(String(buffer: answer.body)))
        }
        guard outcome.verdict == .asPlanned, (200..<300).contains(answer.status) else { return (outcome, nil) }
        let fields = Self.fields(of: answer)
        if let fields { session.learn(from: step.action, response: fields) }
        switch step.action {
        case .logout:
            if let actor = step.actor { session.signOut(actor) }
        case .search(let query):
            outcome.resultCount = fields?.results?.count ?? 0
            outcome.searchOutcome = query.outcome
        case .createTicket:
            return (outcome, fields?.enteredAt.map { SimulatedClock.matches($0, step.time) })
        default:
            break
        }
        return (outcome, nil)
    }

    /// Sends, and while the PSA answers 429 to a request meant to succeed, waits as its
    /// `Retry-After` asks and sends again (within ``maximumAttempts`` and ``maximumRetryWait``).
    func sendWaitingOutThrottling(
        _ step: PlannedStep, _ request: PSARequest, token: String?, outcome: inout StepOutcome,
        progress: ProgressDisplay
    ) async throws -> Answer {
        var attempt = 1
        while true {
            let answer = try await send(request, token: token, time: step.time)
            let wait = Self.retryAfter(answer.headers)
            guard answer.status == 429, !step.expectsFailure, attempt < Self.maximumAttempts,
                wait <= Self.maximumRetryWait
            else { return answer }
            if wait >= Self.announcedWait {
                progress.notice(
                    "the PSA throttled \(outcome.route): waiting \(wait.components.seconds) s as its Retry-After asks")
            }
            try await sleep(wait)
            outcome.retries += 1
            attempt += 1
        }
    }

    private func send(_ request: PSARequest, token: String?, time: Date) async throws -> Answer {
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
        return Answer(status: Int(response.status.code), headers: response.headers, body: body)
    }

    /// `Retry-After` in seconds; a missing or unreadable value waits one second.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration {
        guard let value = headers.first(name: "Retry-After"),
            let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0
        else { return .seconds(1) }
        return .seconds(seconds)
    }

    /// The start of an answer, on one line of printable characters, for the report: a hostile
    /// body cannot rewrite the terminal.
    static func excerpt(_ text: String) -> String {
        let printable = String(
            text.unicodeScalars.prefix(200).map { scalar -> Character in
                scalar.properties.generalCategory == .control ? " " : Character(scalar)
            })
        return text.unicodeScalars.count > 200 ? printable + "…" : printable
    }
}

extension SimulationDriver {
    /// The fields of a successful answer the simulator reads, if its body is the JSON it expects.
    static func fields(of answer: Answer) -> ResponseFields? {
        try? JSONDecoder.snakeCase.decode(ResponseFields.self, from: answer.body)
    }
}

extension JSONDecoder {
    fileprivate static let snakeCase: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
