import ArgumentParser
import AsyncHTTPClient
import Foundation

/// `psa simulate`: drives realistic traffic through a running PSA's HTTP API.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Drive realistic traffic (signups, logins, tickets, searches, time, invoices) through a running PSA.",
        discussion: """
            Each tenant's admin signs the company up and creates agents, client companies and client users; \
            then, day by day over working hours (08:00-18:00 UTC) ending at the present, people sign in (a few mistyping), tickets arrive, \
            are assigned, worked, commented on, resolved, closed and sometimes deleted, and everyone searches. \
            Staff log time on the tickets they work; each week closes with time sheets submitted and approved \
            (one sometimes rejected first), an invoice per client with billable time, sent and paid in full or \
            in part (--no-billing leaves this out). \
            The requests are a pure function of the options and --seed; email addresses carry a per-run nonce, \
            so runs never collide. Each request carries X-Simulated-Time: a PSA started with \
            `psa serve --simulation` stamps data and events with it. Exits non-zero when any answer was \
            unexpected (a 5xx, or a failure where the plan expected success). A run is bounded: \
            tenants × days × (agents + clients) is at most \(SimulationOptions.maximumPersonDays).

            --experiment runs the search ranking experiment end to end: it creates (or finds) the flag \
            ticket-search-ranking (control: recency, test: relevance; 50/50 by tenant) and an experiment on it in \
            the collector, launched at the first simulated day, then adds traffic whose outcome depends on the \
            PSA's real answers: tickets that mention other subjects, and agents who search for one ticket, open it \
            when it is among the first results they read, else refine or give up. Start the PSA with \
            `psa serve --simulation` (its embedded collector evaluates the flag); the collector's admin token is in \
            its data directory (collector/admin-token).
            """)

    @Option(help: "Companies that sign up (\(SimulationOptions.tenantRange)).")
    var tenants: Int = 3

    @Option(help: "Agents per tenant (\(SimulationOptions.agentRange)).")
    var agents: Int = 4

    @Option(help: "Client companies per tenant (\(SimulationOptions.clientRange)).")
    var clients: Int = 3

    @Option(help: "Simulated working days, ending at the present (\(SimulationOptions.dayRange)).")
    var days: Int = 14

    @Option(help: "Seed of the plan: the same seed sends the same requests.")
    var seed: UInt64 = 1

    @Option(help: "Base URL of the PSA.")
    var target: String = "http://127.0.0.1:8080"

    @Flag(inversion: .prefixedNo, help: "Also log time, approve time sheets, and invoice and bill clients.")
    var billing = true

    @Flag(help: "Run the search ranking experiment: create its flag and experiment in the collector, add its traffic.")
    var experiment = false

    @Option(help: "Base URL of the collector, with --experiment (default \(ExperimentOptions.defaultCollector)).")
    var collector: String?

    @Option(help: "The collector's admin token, with --experiment (default: COLLECTOR_ADMIN_TOKEN).")
    var collectorAdminToken: String?

    @Option(help: "The collector's project, with --experiment: @current (the first) or its number.")
    var collectorProject: String?

    func validate() throws {
        _ = try options()
        _ = try experimentOptions(environment: ProcessInfo.processInfo.environment)
    }

    func run() async throws {
        let options = try options()
        let experiment = try experimentOptions(environment: ProcessInfo.processInfo.environment)
        let run = SimulationRun.startingNow()
        let plan = SimulationPlan(options: options, run: run)
        var configuration = HTTPClient.Configuration()
        // Connections are retried until this timeout: a PSA that is not running is reported promptly.
        configuration.timeout.connect = .seconds(3)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let succeeded: Bool
        do {
            succeeded = try await simulate(plan, run: run, experiment: experiment, client: client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        if !succeeded { throw ExitCode.failure }
    }

    private func simulate(
        _ plan: SimulationPlan, run: SimulationRun, experiment: ExperimentOptions?, client: HTTPClient
    ) async throws -> Bool {
        try await Self.checkHealth(target: plan.options.target, client: client)
        var launched: String?
        if let experiment {
            launched = try await Self.setUp(
                CollectorAdmin(options: experiment, client: client), start: plan.days.first?.hours.start ?? run.now)
        }
        Self.say(
            "simulating \(ProgressLine.counted(plan.options.days, "day")) for "
                + "\(ProgressLine.counted(plan.options.tenants, "tenant")) against \(plan.options.target): "
                + "\(plan.requestCount) requests (seed \(plan.options.seed), run \(run.nonce))")
        let progress = ProgressDisplay(
            totalRequests: plan.requestCount, days: plan.days.count, isTerminal: isatty(STDOUT_FILENO) == 1,
            write: Self.say(raw:))
        let driver = SimulationDriver(
            target: plan.options.target, client: client, sleep: { try await Task.sleep(for: $0) },
            makePassword: RandomPassword.make)
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await driver.run(plan, progress: progress)
        Self.say(summary.report(plan: plan, run: run, elapsed: clock.now - start))
        if let launched { Self.say(launched) }
        return summary.unexpected == 0
    }

    private func options() throws -> SimulationOptions {
        do {
            return try SimulationOptions(
                tenants: tenants, agents: agents, clients: clients, days: days, seed: seed, target: target,
                billing: billing, experiment: experiment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The collector options when `--experiment` is on; they are refused without it.
    func experimentOptions(environment: [String: String]) throws -> ExperimentOptions? {
        guard experiment else {
            guard collector == nil, collectorAdminToken == nil, collectorProject == nil else {
                throw ValidationError(
                    "--collector, --collector-admin-token and --collector-project only apply with --experiment")
            }
            return nil
        }
        do {
            return try ExperimentOptions(
                collector: collector, adminToken: collectorAdminToken, project: collectorProject,
                environment: environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Creates or finds the flag and the experiment; returns the line that says where to see the results.
    private static func setUp(_ admin: CollectorAdmin, start: Date) async throws -> String {
        let setup = ExperimentSetup(admin: admin)
        let flag = try await setup.ensureFlag()
        let key = SearchExperiment.flag.key
        say(
            "experiment flag \(key) (id \(flag.id)): \(flag.created ? "created" : "already there"), "
                + (flag.tenantAggregated
                    ? "bucketed by tenant group"
                    : "bucketed by distinct id (this collector has no group flags; on-premise that is per tenant)"))
        let base = admin.options.collector + admin.projectPath + "/experiments"
        switch try await setup.ensureExperiment(start: start) {
        case .created(let id):
            say("experiment \(id) created, launched at \(start.formatted(.iso8601))")
            return "experiment results: \(base)/\(id)/results (and on the collector's dashboard)"
        case .existing(let id):
            say("experiment \(id) already there: this run adds to its traffic")
            return "experiment results: \(base)/\(id)/results (and on the collector's dashboard)"
        case .unavailable:
            say("the collector has no experiments API: the flag and its exposures are set up, no experiment")
            return "experiment: none (the collector has no experiments API); exposures are $feature_flag_called"
        }
    }

    /// Fails early, with a hint, when nothing answers at the target.
    private static func checkHealth(target: String, client: HTTPClient) async throws {
        let status: UInt
        do {
            let response = try await client.execute(HTTPClientRequest(url: target + "/health"), timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 1 << 16)
            status = response.status.code
        } catch {
            throw SimulationFailure("cannot reach the PSA at \(target) (\(error)); start it with `psa serve`")
        }
        guard status == 200 else {
            throw SimulationFailure("\(target)/health answered \(status), not 200: is this a PSA?")
        }
    }

    private static func say(_ line: String) { say(raw: line + "\n") }

    private static func say(raw text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Why a simulation could not start.
struct SimulationFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
