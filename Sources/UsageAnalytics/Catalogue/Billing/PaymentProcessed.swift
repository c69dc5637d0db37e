/// `payment_processed`: a payment was recorded against an invoice.
public struct PaymentProcessed: AnalyticsEvent {
    public var method: PaymentMethod
    public var isPartial: Bool

    public init(method: PaymentMethod, isPartial: Bool) {
        self.method = method
        self.isPartial = isPartial
    }

    public static let definition = EventDefinition(
        name: "payment_processed", category: .billing,
        trigger: "After a payment's insert commits.",
        properties: [
            .enumeration("method", \Self.method, "How the client paid."),
            .flag("is_partial", \Self.isPartial, "Whether the payment leaves a balance due."),
        ])
}
