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
            .enumeration("delivery_method", InvoiceDeliveryMethod.self, "How the invoice reached the client."),
            .count("days_since_generated", "Whole days between generation and delivery."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("delivery_method", deliveryMethod)
        properties.add("days_since_generated", count: daysSinceGenerated)
    }
}
