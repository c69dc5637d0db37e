import Foundation

@testable import psa

/// Plans built at a fixed moment with a fixed nonce, so tests see the same plan on every run.
enum PlanFixtures {
    /// Wednesday 2026-11-18 15:30:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_534_200)
    static let run = SimulationRun(nonce: "fixed1", now: now)

    /// Without `billing`, a plan the fake PSA (which has no time tracking or billing) can answer.
    static func plan(
        tenants: Int = 3, agents: Int = 4, clients: Int = 3, days: Int = 14, seed: UInt64 = 1,
        run: SimulationRun = run, billing: Bool = false, experiment: Bool = false
    ) throws -> SimulationPlan {
        let options = try SimulationOptions(
            tenants: tenants, agents: agents, clients: clients, days: days, seed: seed, billing: billing,
            experiment: experiment)
        return SimulationPlan(options: options, run: run)
    }
}

/// Ids handed out in order, as a server would, for rendering a whole plan without one.
struct SequentialIdentities: SimulationIdentities {
    var users: [UserRef: ServerID] = [:]
    var clients: [ClientRef: ServerID] = [:]
    var tickets: [TicketRef: ServerID] = [:]
    var next = 100

    func id(of user: UserRef) -> ServerID? { users[user] }
    func id(of client: ClientRef) -> ServerID? { clients[client] }
    func id(of ticket: TicketRef) -> ServerID? { tickets[ticket] }
    func password(of user: UserRef) -> String { "correct-horse-\(user.index)" }
    var wrongPassword: String { "wrong-password-0" }

    /// Assigns the id a successful `action` would have created.
    mutating func learn(_ action: PlannedAction) {
        next += 1
        switch action {
        case .signup(duplicate: false): users[UserRef(index: 0)] = .number(next)
        case .createUser(let user): users[user] = .number(next)
        case .createClient(let client): clients[client] = .number(next)
        case .createTicket(let ticket, _): tickets[ticket] = .number(next)
        default: break
        }
    }
}
