import Foundation

/// Every request of a simulation, decided before the first one is sent: a pure function of the
/// options, the seed and the run (its nonce and the present moment).
///
/// ```swift
/// let plan = SimulationPlan(options: options, run: SimulationRun(nonce: "k3v9q", now: Date()))
/// ```
struct SimulationPlan: Sendable, Equatable {
    /// One simulated day: each tenant's requests, in the order they are sent.
    struct Day: Sendable, Equatable {
        let number: Int
        let hours: SimulationCalendar.Day
        /// `steps[t]` are tenant `t`'s requests of the day.
        let steps: [[PlannedStep]]

        var requestCount: Int { steps.reduce(0) { $0 + $1.count } }
    }

    /// Deliberate failed sign-ins of a whole run (about one per six tenant-days, from one to six),
    /// shared among its tenants. They all come from one address, so they stay well under a PSA's
    /// per-address limit (`psa serve`: 20 in 15 minutes): even three runs back to back are not locked out.
    static func failedLogins(tenants: Int, days: Int) -> Int {
        min(6, max(1, tenants * days / 6))
    }

    let options: SimulationOptions
    let tenants: [SimulatedTenant]
    let days: [Day]

    var requestCount: Int { days.reduce(0) { $0 + $1.requestCount } }

    var allSteps: [PlannedStep] { days.flatMap { $0.steps.flatMap { $0 } } }

    init(options: SimulationOptions, run: SimulationRun) {
        let calendar = SimulationCalendar(days: options.days, endingAt: run.now)
        var directory = SeededGenerator.stream(seed: options.seed, 0)
        let stems = SimulationVocabulary.companyStems.shuffled(using: &directory)
        var activities = (0..<options.tenants).map { index in
            let stem = stems[index % stems.count] + (index < stems.count ? "" : " \(index / stems.count + 1)")
            let tenant = TenantDirectory.make(
                stem: stem, index: index, options: options, run: run, using: &directory)
            let budget = Self.failedLogins(tenants: options.tenants, days: options.days)
            let failures = budget * (index + 1) / options.tenants - budget * index / options.tenants
            return TenantActivity(
                tenant: tenant, tenantIndex: index, totalDays: options.days, failedLogins: failures,
                generator: SeededGenerator.stream(seed: options.seed, 1, index),
                billing: options.billing ? SeededGenerator.stream(seed: options.seed, 2, index) : nil,
                experiment: options.experiment ? SeededGenerator.stream(seed: options.seed, 3, index) : nil)
        }
        var days: [Day] = []
        for (offset, hours) in calendar.days.enumerated() {
            let steps = activities.indices.map { activities[$0].plan(day: offset, hours: hours) }
            days.append(Day(number: offset + 1, hours: hours, steps: steps))
        }
        self.options = options
        self.tenants = activities.map(\.tenant)
        self.days = days
    }
}

/// What makes one run distinct from another with the same seed: a nonce that keeps its email
/// addresses unique on a server that already holds earlier runs, and the present moment.
struct SimulationRun: Sendable, Equatable {
    let nonce: String
    let now: Date

    /// A run starting now, its nonce taken from the clock (milliseconds, base 36).
    static func startingNow(now: Date = Date()) -> SimulationRun {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        return SimulationRun(nonce: String(milliseconds, radix: 36), now: now)
    }
}
