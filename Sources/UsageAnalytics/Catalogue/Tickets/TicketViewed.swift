/// `ticket_viewed`: someone opened a ticket (a search result, a list, a link).
public struct TicketViewed: AnalyticsEvent {
    public var openedFrom: TicketViewOrigin
    public var priority: TicketPriority
    public var isClosed: Bool
    public var isAssigned: Bool
    public var ageInDays: Int

    public init(
        openedFrom: TicketViewOrigin, priority: TicketPriority, isClosed: Bool, isAssigned: Bool, ageInDays: Int
    ) {
        self.openedFrom = openedFrom
        self.priority = priority
        self.isClosed = isClosed
        self.isAssigned = isAssigned
        self.ageInDays = ageInDays
    }

    public static let definition = EventDefinition(
        name: "ticket_viewed", category: .tickets,
        trigger: "When a ticket is read; after `ticket_searched` with `opened_from` = `search`, a search that worked.",
        properties: [
            .enumeration("opened_from", \Self.openedFrom, "Where the reader opened it, as the client said."),
            .enumeration("priority", \Self.priority, "The ticket's priority."),
            .flag("is_closed", \Self.isClosed, "Whether the ticket is resolved or closed."),
            .flag("is_assigned", \Self.isAssigned, "Whether the ticket has an assignee."),
            .count("age_in_days", \Self.ageInDays, "Whole days since the ticket was created."),
        ])
}

/// Where a ticket was opened from: the `from` parameter of the read.
public enum TicketViewOrigin: String, PropertyEnumeration {
    /// A search's results.
    case search
    /// A list or queue without a query.
    case list
    /// A link (a notification, another ticket, a bookmark).
    case link
    /// The client did not say.
    case unspecified
}
