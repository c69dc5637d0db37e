import Foundation

/// One tenant's simulated life, day by day: who signs in, which tickets arrive, and how each
/// moves through triage, work, resolution and closing. Pure: state and a seeded generator only.
struct TenantActivity: Sendable {
    /// What the planner remembers of a ticket between days.
    struct Ticket: Sendable {
        let reference: TicketRef
        let title: String
        let client: ClientRef?
        let createdDay: Int
        var status: TicketStatus
        var assignee: UserRef?
        var hasCategory: Bool
        var deleted = false
    }

    /// A request before sessions and times are added.
    struct Intent: Sendable {
        let actor: UserRef?
        let action: PlannedAction
        let expectedStatus: Int
    }

    let tenant: SimulatedTenant
    let tenantIndex: Int
    let totalDays: Int
    var generator: SeededGenerator
    var tickets: [Ticket] = []
    var inactive: Set<UserRef> = []
    var triedInactiveLogin = false
    /// The days with a deliberate failed sign-in, one entry per failure.
    let failedLoginDays: [Int]
    /// Time tracking and billing, unless the run leaves them out.
    var billing: BillingActivity?
    /// The search experiment's traffic, when the run has one.
    var experiment: SearchExperimentActivity?

    /// - Parameters:
    ///   - failedLogins: This tenant's share of the run's deliberate failed sign-ins.
    ///   - billing: Time tracking and billing's own stream, or nil to leave them out.
    ///   - experiment: The search experiment's own stream, or nil for a run without one.
    init(
        tenant: SimulatedTenant, tenantIndex: Int, totalDays: Int, failedLogins: Int, generator: SeededGenerator,
        billing: SeededGenerator? = nil, experiment: SeededGenerator? = nil
    ) {
        self.tenant = tenant
        self.tenantIndex = tenantIndex
        self.totalDays = totalDays
        self.generator = generator
        self.billing = billing.map(BillingActivity.init(generator:))
        self.experiment = experiment.map { SearchExperimentActivity(generator: $0, totalDays: totalDays) }
        let days = Array(0..<totalDays).shuffled(using: &self.generator)
        failedLoginDays = (0..<failedLogins).map { days[$0 % days.count] }
    }

    /// The requests of one day, timed across its working hours.
    mutating func plan(day: Int, hours: SimulationCalendar.Day) -> [PlannedStep] {
        // Only someone deactivated on an earlier day can come back and be refused.
        let departed = inactive.first
        var intents: [Intent] = []
        var signedIn: Set<UserRef> = []
        if day == 0 {
            intents += onboarding()
            intents += billing?.setUp(clients: tenant.clients.count) ?? []
            signedIn.insert(SimulatedTenant.admin)
        }
        let activity = hours.isWeekend ? 0.3 : 1.0
        var staff = tenant.agents.filter { _ in generator.chance(hours.isWeekend ? 0.25 : 0.85) }
        if staff.isEmpty { staff = [tenant.agents.randomElement(using: &generator)!] }
        if day == 0 || generator.chance(hours.isWeekend ? 0.1 : 0.6) { staff.insert(SimulatedTenant.admin, at: 0) }
        var work: [Intent] = []
        if day == 1 && tenantIndex == 0 {
            work.append(Intent(actor: nil, action: .signup(duplicate: true), expectedStatus: 409))
        }
        let openBefore = tickets.filter { !$0.deleted && $0.status.isOpen }
        let arrivals = newTickets(day: day, staff: staff, activity: activity)
        work += experiment?.mentioning(arrivals, openTickets: openBefore) ?? arrivals
        work += triage(staff: staff)
        work += progress(staff: staff, activity: activity)
        work += searches(staff: staff, activity: activity)
        work += housekeeping(day: day, staff: staff, busy: Set(work.compactMap(\.actor)))
        if var billing {
            let opening = billing.opening(day: hours)
            let closing = billing.closing(
                day: hours, isLastDay: day == totalDays - 1, work: work, tickets: tickets, tenant: tenant)
            work = opening + work + closing
            self.billing = billing
        }
        intents += sessions(day: day, around: work, alreadySignedIn: signedIn, departed: departed)
        let times = hours.times(count: intents.count, using: &generator)
        let steps = zip(times, intents).map { time, intent in
            PlannedStep(time: time, actor: intent.actor, action: intent.action, expectedStatus: intent.expectedStatus)
        }
        return experiment?.addingFindTask(to: steps, day: day, staff: Set(tenant.staff), tickets: tickets) ?? steps
    }

    /// Day one: the admin signs the company up, signs in, and sets up clients, agents and client users.
    private mutating func onboarding() -> [Intent] {
        let admin = SimulatedTenant.admin
        var intents = [
            Intent(actor: nil, action: .signup(duplicate: false), expectedStatus: 201),
            Intent(actor: nil, action: .login(admin, .correctPassword), expectedStatus: 200),
        ]
        intents += tenant.clients.indices.map {
            Intent(actor: admin, action: .createClient(ClientRef(index: $0)), expectedStatus: 201)
        }
        intents.append(Intent(actor: admin, action: .listClients, expectedStatus: 200))
        intents += tenant.users.indices.dropFirst().map {
            Intent(actor: admin, action: .createUser(UserRef(index: $0)), expectedStatus: 201)
        }
        return intents
    }

    /// Sign-ins before the first request of each person, the day's work, then most people sign
    /// out. On the tenant's failure days someone mistypes a password, tries an address that has
    /// no account, or (once) a departed user tries their old account.
    private mutating func sessions(
        day: Int, around work: [Intent], alreadySignedIn: Set<UserRef>, departed: UserRef?
    ) -> [Intent] {
        var order: [UserRef] = []
        var seen = alreadySignedIn
        for case let actor? in work.map(\.actor) where !seen.contains(actor) {
            seen.insert(actor)
            order.append(actor)
        }
        var logins: [Intent] = []
        var mistyped: Set<UserRef> = []
        for _ in 0..<failedLoginDays.filter({ $0 == day }).count {
            if let departed, !triedInactiveLogin {
                triedInactiveLogin = true
                logins.append(Intent(actor: nil, action: .login(departed, .deactivatedAccount), expectedStatus: 401))
            } else if let user = order.filter({ !mistyped.contains($0) }).randomElement(using: &generator),
                generator.chance(0.65)
            {
                mistyped.insert(user)
            } else {
                let address = "nobody.\(Int.random(in: 1...9999, using: &generator))@" + domain
                logins.append(
                    Intent(
                        actor: nil, action: .login(SimulatedTenant.admin, .unknownEmail(address)), expectedStatus: 401))
            }
        }
        for user in order {
            if mistyped.contains(user) {
                logins.append(Intent(actor: nil, action: .login(user, .wrongPassword), expectedStatus: 401))
            }
            logins.append(Intent(actor: nil, action: .login(user, .correctPassword), expectedStatus: 200))
        }
        let logouts = (alreadySignedIn.sorted() + order).filter { _ in generator.chance(0.85) }.map {
            Intent(actor: $0, action: .logout, expectedStatus: 204)
        }
        return logins + work + logouts
    }

    private var domain: String {
        String(tenant.user(SimulatedTenant.admin).email.split(separator: "@").last ?? "")
    }
}
