/// `ticket_updated`: an update committed that changed at least one value.
public struct TicketUpdated: AnalyticsEvent {
    /// The fields whose stored value changed, in a stable order.
    public var fieldsUpdated: [TicketField]

    public init(fieldsUpdated: [TicketField]) {
        self.fieldsUpdated = TicketField.allCases.filter(fieldsUpdated.contains)
    }

    public static let definition = EventDefinition(
        name: "ticket_updated", category: .tickets,
        trigger: "After an update commits that changed at least one stored value.",
        properties: [
            .enumerationList("fields_updated", TicketField.self, "The fields whose value changed."),
            .flag("updated_priority", "Whether the priority changed."),
            .flag("updated_status", "Whether the status changed."),
            .flag("updated_assignment", "Whether the assignee changed."),
            .flag("updated_category", "Whether the category or subcategory changed."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("fields_updated", fieldsUpdated)
        properties.add("updated_priority", fieldsUpdated.contains(.priority))
        properties.add("updated_status", fieldsUpdated.contains(.status))
        properties.add("updated_assignment", fieldsUpdated.contains(.assignee))
        properties.add("updated_category", fieldsUpdated.contains(.category) || fieldsUpdated.contains(.subcategory))
    }
}
