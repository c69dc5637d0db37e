/// `ticket_updated`: an update committed that changed at least one value.
public struct TicketUpdated: AnalyticsEvent {
    /// The fields whose stored value changed, in a stable order.
    public var fieldsUpdated: [TicketField]

    public init(fieldsUpdated: [TicketField]) {
        self.fieldsUpdated = TicketField.allCases.filter(fieldsUpdated.contains)
    }

    /// Whether the priority changed.
    public var updatedPriority: Bool { fieldsUpdated.contains(.priority) }
    /// Whether the status changed.
    public var updatedStatus: Bool { fieldsUpdated.contains(.status) }
    /// Whether the assignee changed.
    public var updatedAssignment: Bool { fieldsUpdated.contains(.assignee) }
    /// Whether the category or subcategory changed.
    public var updatedCategory: Bool { fieldsUpdated.contains(.category) || fieldsUpdated.contains(.subcategory) }

    public static let definition = EventDefinition(
        name: "ticket_updated", category: .tickets,
        trigger: "After an update commits that changed at least one stored value.",
        properties: [
            .enumerationList("fields_updated", \Self.fieldsUpdated, "The fields whose value changed."),
            .flag("updated_priority", \Self.updatedPriority, "Whether the priority changed."),
            .flag("updated_status", \Self.updatedStatus, "Whether the status changed."),
            .flag("updated_assignment", \Self.updatedAssignment, "Whether the assignee changed."),
            .flag("updated_category", \Self.updatedCategory, "Whether the category or subcategory changed."),
        ])
}
