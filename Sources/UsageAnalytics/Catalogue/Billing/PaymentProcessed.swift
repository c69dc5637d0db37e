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
            .enumeration("method", PaymentMethod.self, "How the client paid."),
            .flag("is_partial", "Whether the payment leaves a balance due."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("method", method)
        properties.add("is_partial", isPartial)
    }
}
