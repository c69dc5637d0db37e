/// A typed product-analytics event from the catalogue.
///
/// Each event declares its wire name and every property it sends in ``definition``, once per
/// property: the name, the kind (which decides the privacy class) and the key path of the value
/// (see ``EventProperty``). The pipeline sends only declared properties: anything an event writes
/// that its definition does not declare is dropped and counted, so a typed event cannot leak an
/// undeclared value.
///
/// ```swift
/// public struct InvoiceSent: AnalyticsEvent {
///     public var deliveryMethod: InvoiceDeliveryMethod
///     public var daysSinceGenerated: Int
///     // public init(deliveryMethod:daysSinceGenerated:)
///
///     public static let definition = EventDefinition(
///         name: "invoice_sent", category: .billing, trigger: "When an invoice is delivered to the client.",
///         properties: [
///             .enumeration("delivery_method", \Self.deliveryMethod, "How the invoice reached the client."),
///             .count("days_since_generated", \Self.daysSinceGenerated, "Whole days between generation and delivery."),
///         ])
/// }
///
/// analytics.capture(InvoiceSent(deliveryMethod: .email, daysSinceGenerated: 2), actor: actor)
/// ```
public protocol AnalyticsEvent: Sendable {
    /// The event's wire name, trigger and declared properties.
    static var definition: EventDefinition { get }

    /// Writes the event's property values; the default writes those its definition reads by key path.
    func write(to properties: inout EventProperties)
}

extension AnalyticsEvent {
    /// Writes the values of the properties ``definition`` declares with key paths.
    public func write(to properties: inout EventProperties) {
        Self.definition.write(self, to: &properties)
    }
}

extension AnalyticsEvent {
    /// The event's wire name.
    public static var name: String { definition.name }
}
