/// `ticket_resolved`: a ticket's status moved from open to a closed status.
public struct TicketResolved: AnalyticsEvent {
    public var timeToResolutionMinutes: Int
    public var priority: TicketPriority
    public var hasCategory: Bool
    public var hadAssignment: Bool

    public init(timeToResolutionMinutes: Int, priority: TicketPriority, hasCategory: Bool, hadAssignment: Bool) {
        self.timeToResolutionMinutes = timeToResolutionMinutes
        self.priority = priority
        self.hasCategory = hasCategory
        self.hadAssignment = hadAssignment
    }

    public static let definition = EventDefinition(
        name: "ticket_resolved", category: .tickets,
        trigger: "When the status moves from an open status to a closed one.",
        properties: [
            .duration(
                "time_to_resolution_minutes", \Self.timeToResolutionMinutes, "Minutes from creation to resolution."),
            .enumeration("priority", \Self.priority, "The priority at resolution."),
            .flag("has_category", \Self.hasCategory, "Whether the ticket has a category."),
            .flag("had_assignment", \Self.hadAssignment, "Whether the ticket was assigned when resolved."),
        ])
}
