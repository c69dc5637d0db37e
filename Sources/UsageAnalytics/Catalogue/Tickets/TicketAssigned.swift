/// `ticket_assigned`: a ticket's assignee was set or changed.
public struct TicketAssigned: AnalyticsEvent {
    public var wasReassignment: Bool
    /// Minutes from creation to the first assignment; `nil` on a reassignment.
    public var timeToFirstAssignmentMinutes: Int?

    public init(wasReassignment: Bool, timeToFirstAssignmentMinutes: Int?) {
        self.wasReassignment = wasReassignment
        self.timeToFirstAssignmentMinutes = timeToFirstAssignmentMinutes
    }

    public static let definition = EventDefinition(
        name: "ticket_assigned", category: .tickets,
        trigger: "When the assignee is set or changed.",
        properties: [
            .flag("was_reassignment", \Self.wasReassignment, "Whether the ticket already had an assignee."),
            .duration(
                "time_to_first_assignment_minutes", \Self.timeToFirstAssignmentMinutes,
                "Minutes from creation to the first assignment; first one only."),
        ])
}
