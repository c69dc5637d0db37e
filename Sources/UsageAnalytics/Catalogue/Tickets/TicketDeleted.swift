/// `ticket_deleted`: a ticket was deleted.
public struct TicketDeleted: AnalyticsEvent {
    public var ageInDays: Int
    public var wasResolved: Bool
    public var hadComments: Bool

    public init(ageInDays: Int, wasResolved: Bool, hadComments: Bool) {
        self.ageInDays = ageInDays
        self.wasResolved = wasResolved
        self.hadComments = hadComments
    }

    public static let definition = EventDefinition(
        name: "ticket_deleted", category: .tickets,
        trigger: "After the delete commits.",
        properties: [
            .count("age_in_days", \Self.ageInDays, "Whole days since the ticket was created."),
            .flag("was_resolved", \Self.wasResolved, "Whether the ticket was closed when deleted."),
            .flag("had_comments", \Self.hadComments, "Whether the ticket had comments."),
        ])
}
