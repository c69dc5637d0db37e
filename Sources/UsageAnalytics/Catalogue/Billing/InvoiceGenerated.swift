/// `invoice_generated`: an invoice was generated. Never the amount or the invoice number.
public struct InvoiceGenerated: AnalyticsEvent {
    public var lineCount: Int
    public var isManual: Bool
    public var amountBucket: AmountBucket

    public init(lineCount: Int, isManual: Bool, amountBucket: AmountBucket) {
        self.lineCount = lineCount
        self.isManual = isManual
        self.amountBucket = amountBucket
    }

    public static let definition = EventDefinition(
        name: "invoice_generated", category: .billing,
        trigger: "After an invoice's insert commits.",
        properties: [
            .count("line_count", "Lines on the invoice."),
            .flag("is_manual", "Whether the invoice was written by hand rather than from billing rules."),
            .enumeration("amount_bucket", AmountBucket.self, "The range the total falls in; never the amount."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("line_count", count: lineCount)
        properties.add("is_manual", isManual)
        properties.add("amount_bucket", amountBucket)
    }
}
