/// A typed product-analytics event from the catalogue.
///
/// Each event declares its wire name and every property it may send, with the property's
/// privacy class, in ``definition``. The pipeline sends only declared properties: anything an
/// event writes that its definition does not declare is dropped and counted, so a typed event
/// cannot leak an undeclared value.
///
/// ```swift
/// analytics.capture(TicketCreated(ticketType: .manual, priority: .high, ...), actor: actor)
/// ```
public protocol AnalyticsEvent: Sendable {
    /// The event's wire name, trigger and declared properties.
    static var definition: EventDefinition { get }

    /// Writes the event's property values.
    func write(to properties: inout EventProperties)
}

extension AnalyticsEvent {
    /// The event's wire name.
    public static var name: String { definition.name }
}
