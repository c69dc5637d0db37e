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
            .count("age_in_days", "Whole days since the ticket was created."),
            .flag("was_resolved", "Whether the ticket was closed when deleted."),
            .flag("had_comments", "Whether the ticket had comments."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("age_in_days", count: ageInDays)
        properties.add("was_resolved", wasResolved)
        properties.add("had_comments", hadComments)
    }
}
