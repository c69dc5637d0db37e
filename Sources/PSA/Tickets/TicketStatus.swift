/// Where a ticket is in its life: three open statuses, then resolved or closed.
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    case new
    case inProgress = "in_progress"
    case waitingOnClient = "waiting_on_client"
    case resolved
    case closed

    /// Whether the ticket is done (`ticket_resolved` fires when a ticket moves from open to closed).
    public var isClosed: Bool {
        self == .resolved || self == .closed
    }

    /// The statuses a search returns unless closed ones are asked for.
    static let open: [TicketStatus] = allCases.filter { !$0.isClosed }
}
