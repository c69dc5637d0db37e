/// `ticket_created`: a ticket was stored; exactly one event per ticket.
public struct TicketCreated: AnalyticsEvent {
    public var ticketType: TicketType
    public var priority: TicketPriority
    public var hasDescription: Bool
    public var hasCategory: Bool
    public var hasSubcategory: Bool
    public var isAssigned: Bool
    public var hasAsset: Bool
    public var createdVia: TicketChannel

    public init(
        ticketType: TicketType, priority: TicketPriority, hasDescription: Bool, hasCategory: Bool,
        hasSubcategory: Bool, isAssigned: Bool, hasAsset: Bool, createdVia: TicketChannel
    ) {
        self.ticketType = ticketType
        self.priority = priority
        self.hasDescription = hasDescription
        self.hasCategory = hasCategory
        self.hasSubcategory = hasSubcategory
        self.isAssigned = isAssigned
        self.hasAsset = hasAsset
        self.createdVia = createdVia
    }

    public static let definition = EventDefinition(
        name: "ticket_created", category: .tickets,
        trigger: "After the ticket's insert commits; exactly one event per ticket.",
        properties: [
            .enumeration("ticket_type", \Self.ticketType, "How the ticket came in."),
            .enumeration("priority", \Self.priority, "The priority it was created with."),
            .flag("has_description", \Self.hasDescription, "Whether a description was given."),
            .flag("has_category", \Self.hasCategory, "Whether a category was chosen."),
            .flag("has_subcategory", \Self.hasSubcategory, "Whether a subcategory was chosen."),
            .flag("is_assigned", \Self.isAssigned, "Whether an assignee was set at creation."),
            .flag("has_asset", \Self.hasAsset, "Whether the ticket is linked to an asset."),
            .enumeration("created_via", \Self.createdVia, "The surface the ticket was created through."),
        ])
}
