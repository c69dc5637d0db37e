/// `invoice_sent`: an invoice was delivered to the client.
public struct InvoiceSent: AnalyticsEvent {
    public var deliveryMethod: InvoiceDeliveryMethod
    public var daysSinceGenerated: Int

    public init(deliveryMethod: InvoiceDeliveryMethod, daysSinceGenerated: Int) {
        self.deliveryMethod = deliveryMethod
        self.daysSinceGenerated = daysSinceGenerated
    }

    public static let definition = EventDefinition(
        name: "invoice_sent", category: .billing,
        trigger: "When an invoice is delivered to the client.",
        properties: [
            .enumeration("delivery_method", \Self.deliveryMethod, "How the invoice reached the client."),
            .count("days_since_generated", \Self.daysSinceGenerated, "Whole days between generation and delivery."),
        ])
}
