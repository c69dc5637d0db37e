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
            .count("line_count", \Self.lineCount, "Lines on the invoice."),
            .flag(
                "is_manual", \Self.isManual, "Whether the invoice was written by hand rather than from billing rules."),
            .enumeration("amount_bucket", \Self.amountBucket, "The range the total falls in; never the amount."),
        ])
}
