import Foundation
import UsageAnalytics

/// Money received against an invoice, never more than its balance.
public struct Payment: Sendable, Equatable {
    public var id: String
    public var invoiceID: String
    public var amountMinor: Int64
    public var method: PaymentMethod
    public var receivedAt: Date
}

extension Payment {
    init(row: SQLRow) throws {
        guard let method = PaymentMethod(rawValue: try row.string("method")) else {
            throw DatabaseError.unexpectedValue(column: "method")
        }
        self.init(
            id: try row.string("id"), invoiceID: try row.string("invoice_id"),
            amountMinor: try row.integer("amount_minor"), method: method, receivedAt: try row.date("received_at"))
    }
}
