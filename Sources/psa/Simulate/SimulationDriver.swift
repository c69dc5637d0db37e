import AsyncHTTPClient
import Foundation

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

    let target: String
    let client: HTTPClient
    /// How a `Retry-After` is waited out (the clock in the command, a recorder in tests).
    let sleep: @Sendable (Duration) async throws -> Void
    /// Makes each user's password; random per run in the command.
    let makePassword: @Sendable () -> String

    /// One tenant's share of a day: what its session learnt and how each request went.
    struct TenantDay: Sendable {
        let index: Int
        var session: TenantSession
        var outcomes: [StepOutcome] = []
        /// Whether the first ticket created that day was stamped with the simulated time.
        var timeHonoured: Bool?
    }

    /// Runs the whole plan and returns its tally; `progress` sees every request.
    func run(_ plan: SimulationPlan, progress: ProgressDisplay) async throws -> SimulationSummary {
        var sessions = plan.tenants.map { TenantSession(userCount: $0.users.count, makePassword: makePassword) }
        var summary = SimulationSummary()
        for day in plan.days {
            try Task.checkCancellation()
            let results = await withTaskGroup(of: TenantDay.self) { group in
                for (index, steps) in day.steps.enumerated() {
                    let start = TenantDay(index: index, session: sessions[index])
                    group.addTask {
                        await work(steps, of: plan.tenants[index], day: day.number, from: start, progress: progress)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for result in results.sorted(by: { $0.index < $1.index }) {
                sessions[result.index] = result.session
                result.outcomes.forEach { summary.record($0) }
                if summary.simulatedTimeHonoured == nil, let honoured = result.timeHonoured {
                    summary.simulatedTimeHonoured = honoured
                    if !honoured { progress.notice(Self.timeIgnoredNotice) }
                }
            }
            progress.finishDay(day.number)
        }
        progress.finish()
        return summary
    }

    static let timeIgnoredNotice =
        "note: the PSA ignores X-Simulated-Time (start it with `psa serve --simulation` to spread data over the "
        + "simulated days); its data and events are stamped with the current time"

    private func work(
        _ steps: [PlannedStep], of tenant: SimulatedTenant, day: Int, from start: TenantDay, progress: ProgressDisplay
    ) async -> TenantDay {
        var result = start
        for step in steps {
            let (outcome, stamped) = await perform(
                step, day: day, tenant: tenant, index: result.index, session: &result.session, progress: progress)
            if result.timeHonoured == nil { result.timeHonoured = stamped }
            progress.record(outcome)
            result.outcomes.append(outcome)
        }
        return result
    }
}
