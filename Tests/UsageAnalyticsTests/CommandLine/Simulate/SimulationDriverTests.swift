import AsyncHTTPClient
import Foundation
import Synchronization
import Testing

@testable import psa

/// The HTTP driver against a contract-following PSA on loopback: what it sends, and how it
/// judges and reports the answers, including scripted failures and throttling.
@Suite("psa simulate: driver", .timeLimit(.minutes(2)))
struct SimulationDriverTests {
    final class Sleeps: Sendable {
        let recorded = Mutex<[Duration]>([])
        var sleep: @Sendable (Duration) async throws -> Void {
            { duration in self.recorded.withLock { $0.append(duration) } }
        }
        var values: [Duration] { recorded.withLock { $0 } }
    }

    func drive(
        _ plan: SimulationPlan, server: FakePSA, sleeps: Sleeps = Sleeps(),
        output: ProgressDisplayTests.Output = .init()
    ) async throws -> SimulationSummary {
        try await server.serve { base in
            let driver = SimulationDriver(
                target: base, client: .shared, sleep: sleeps.sleep, makePassword: RandomPassword.make)
            let progress = ProgressDisplay(
                totalRequests: plan.requestCount, days: plan.days.count, isTerminal: false, write: output.write)
            return try await driver.run(plan, progress: progress)
        }
    }

    @Test("a whole plan runs with no unexpected answer, every request as planned")
    func wholePlan() async throws {
        let plan = try PlanFixtures.plan(tenants: 2, agents: 2, clients: 2, days: 3)
        let server = FakePSA()
        let output = ProgressDisplayTests.Output()
        let summary = try await drive(plan, server: server, output: output)
        #expect(summary.unexpected == 0, "\(summary.unexpectedDetails)")
        #expect(summary.skipped == 0)
        #expect(summary.requestCount == plan.requestCount)
        for kind in RequestKind.allCases {
            #expect(summary.sent[kind, default: 0] == plan.allSteps.filter { $0.action.kind == kind }.count, "\(kind)")
        }
        #expect(summary.simulatedTimeHonoured == true)
        #expect(summary.surprisingSearches == 0)
        #expect(summary.searchesWithResults > 0 && summary.searchesWithout > 0)

        let recorded = server.recorded
        #expect(recorded.count == plan.requestCount)
        let times = Set(plan.allSteps.map { SimulatedClock.format($0.time) })
        #expect(recorded.allSatisfy { times.contains($0.headers["x-simulated-time"] ?? "") })
        let anonymous = ["/api/auth/signup", "/api/auth/login"]
        #expect(recorded.allSatisfy { anonymous.contains($0.route) == ($0.headers["authorization"] == nil) })
        let lines = output.value.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("day 1/3: ") && lines[2].hasSuffix(", 0 errors"))
    }

    @Test("one tenant's requests arrive in the planned order with the planned times")
    func order() async throws {
        let plan = try PlanFixtures.plan(tenants: 1, agents: 2, clients: 1, days: 2)
        let server = FakePSA()
        _ = try await drive(plan, server: server)
        let sent = server.recorded.map { "\($0.method) \($0.route) \($0.headers["x-simulated-time"] ?? "")" }
        var identities = SequentialIdentities()
        let planned = plan.allSteps.map { step in
            defer { identities.learn(step.action) }
            let request = PSARequest(step.action, tenant: plan.tenants[0], identities: identities)!
            return "\(request.method) \(request.route) \(SimulatedClock.format(step.time))"
        }
        #expect(sent == planned)
    }

    @Test("a PSA that ignores X-Simulated-Time is detected and named once")
    func ignoredTime() async throws {
        let plan = try PlanFixtures.plan(tenants: 2, agents: 1, clients: 1, days: 2)
        let output = ProgressDisplayTests.Output()
        let summary = try await drive(plan, server: FakePSA(honoursSimulatedTime: false), output: output)
        #expect(summary.simulatedTimeHonoured == false)
        #expect(output.value.components(separatedBy: "ignores X-Simulated-Time").count == 2)
        #expect(
            summary.report(plan: plan, run: PlanFixtures.run, elapsed: .seconds(1)).contains("simulated time: ignored"))
    }

    @Test("a 5xx and an unexpected 4xx are counted and described; requests that needed them are skipped")
    func unexpectedAnswers() async throws {
        let plan = try PlanFixtures.plan(tenants: 1, agents: 2, clients: 2, days: 2)
        let server = FakePSA(failures: [
            .init(method: "POST", route: "/api/clients", occurrence: 1, status: 500),
            .init(method: "GET", route: "/api/tickets", occurrence: 1, status: 403),
        ])
        let summary = try await drive(plan, server: server)
        #expect(summary.unexpected == 2)
        #expect(
            summary.unexpectedDetails[0].hasPrefix(
                "day 1, tenant 1: POST /api/clients (create client): expected 201, got 500: {"))
        #expect(summary.unexpectedDetails[1].contains("GET /api/tickets (search): expected 200, got 403"))
        let needsFirstClient = plan.allSteps.filter { step in
            switch step.action {
            case .createUser(let user): plan.tenants[0].user(user).client == ClientRef(index: 0)
            case .createTicket(_, let draft): draft.client == ClientRef(index: 0)
            default: false
            }
        }
        #expect(summary.skipped >= needsFirstClient.count && needsFirstClient.count > 0)
        let report = summary.report(plan: plan, run: PlanFixtures.run, elapsed: .seconds(2))
        #expect(report.contains("unexpected failures: 2\n  day 1, tenant 1: POST /api/clients"))
    }

    @Test("429 with Retry-After is waited out for exactly that long, then the request is retried")
    func throttledRetry() async throws {
        let plan = try PlanFixtures.plan(tenants: 1, agents: 1, clients: 0, days: 1)
        let server = FakePSA(failures: [
            .init(method: "POST", route: "/api/auth/login", occurrence: 1, status: 429, retryAfter: "7"),
            .init(method: "POST", route: "/api/auth/login", occurrence: 2, status: 429, retryAfter: "3"),
        ])
        let sleeps = Sleeps()
        let output = ProgressDisplayTests.Output()
        let summary = try await drive(plan, server: server, sleeps: sleeps, output: output)
        #expect(sleeps.values == [.seconds(7), .seconds(3)])
        #expect(output.value.hasPrefix("the PSA throttled POST /api/auth/login: waiting 7 s as its Retry-After asks\n"))
        #expect(!output.value.contains("waiting 3 s"), "short waits pass silently")
        #expect(summary.retries == 2 && summary.unexpected == 0, "\(summary.unexpectedDetails)")
        let logins = server.recorded.filter { $0.route == "/api/auth/login" }.prefix(3).map(\.status)
        #expect(logins == [429, 429, 200])
    }

    @Test("a Retry-After too long to wait, or throttling that never ends, is an unexpected failure")
    func throttledForever() async throws {
        let plan = try PlanFixtures.plan(tenants: 1, agents: 1, clients: 0, days: 1)
        let forever = (1...SimulationDriver.maximumAttempts).map {
            FakePSA.Failure(method: "POST", route: "/api/auth/signup", occurrence: $0, status: 429, retryAfter: "1")
        }
        let sleeps = Sleeps()
        let summary = try await drive(plan, server: FakePSA(failures: forever), sleeps: sleeps)
        #expect(sleeps.values.count == SimulationDriver.maximumAttempts - 1)
        #expect(
            summary.unexpectedDetails.first?.contains("POST /api/auth/signup (signup): expected 201, got 429") == true)

        let long = [
            FakePSA.Failure(method: "POST", route: "/api/auth/signup", occurrence: 1, status: 429, retryAfter: "3600")
        ]
        let patient = Sleeps()
        let second = try await drive(plan, server: FakePSA(failures: long), sleeps: patient)
        #expect(patient.values.isEmpty)
        #expect(second.unexpected >= 1)
    }

    @Test("a deliberate bad login that is throttled counts as expected, and is not retried")
    func throttledBadLogin() async throws {
        let (plan, occurrence) = try Self.planWithBadLogin()
        let server = FakePSA(failures: [
            .init(method: "POST", route: "/api/auth/login", occurrence: occurrence, status: 429, retryAfter: "60")
        ])
        let sleeps = Sleeps()
        let summary = try await drive(plan, server: server, sleeps: sleeps)
        #expect(summary.unexpected == 0, "\(summary.unexpectedDetails)")
        #expect(sleeps.values.isEmpty)
        #expect(
            summary.report(plan: plan, run: PlanFixtures.run, elapsed: .zero).contains("of which 1 throttled with 429"))
    }

    @Test("a bad login the PSA accepts is unexpected")
    func acceptedBadLogin() async throws {
        let (plan, occurrence) = try Self.planWithBadLogin()
        let server = FakePSA(failures: [
            .init(method: "POST", route: "/api/auth/login", occurrence: occurrence, status: 200)
        ])
        let summary = try await drive(plan, server: server)
        #expect(summary.unexpected == 1)
        #expect(summary.unexpectedDetails.first?.contains("(failed login): expected 401, got 200") == true)
    }

    @Test("an answer's body is reported on one printable line of at most 200 characters")
    func hostileBodies() {
        #expect(SimulationDriver.excerpt("bad\u{1B}[2J\r\nthing") == "bad [2J  thing")
        #expect(
            SimulationDriver.excerpt(String(repeating: "é", count: 300)) == String(repeating: "é", count: 200) + "…")
    }

    /// A one-tenant plan with a deliberate bad login, and that login's position among the logins.
    static func planWithBadLogin() throws -> (SimulationPlan, Int) {
        for seed in UInt64(1)...200 {
            let plan = try PlanFixtures.plan(tenants: 1, agents: 2, clients: 1, days: 3, seed: seed)
            let logins = plan.allSteps.filter { if case .login = $0.action { true } else { false } }
            if let index = logins.firstIndex(where: { $0.expectedStatus == 401 }) { return (plan, index + 1) }
        }
        throw SimulationFailure("no seed up to 200 plans a bad login")
    }
}
