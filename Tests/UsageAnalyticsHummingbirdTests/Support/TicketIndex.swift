import UsageAnalytics
import UsageAnalyticsHummingbird

/// A service whose state is isolated to an actor, as a host's repository may be.
actor TicketIndex {
    private var titles = ["Printer offline", "VPN drops"]
    let operations: OperationTimer<ManualClock>
    let clock: ManualClock

    init(operations: OperationTimer<ManualClock>, clock: ManualClock) {
        self.operations = operations
        self.clock = clock
    }

    /// Times work that touches the actor's state; the closure runs on the actor, not sent away.
    func search(_ word: String) async -> [String] {
        await operations.measure("ticket.search", actor: AnalyticsActor(tenant: "acme")) {
            clock.advance(by: .milliseconds(600))
            titles.append("searched")
            return titles.filter { $0.contains(word) }
        }
    }
}
