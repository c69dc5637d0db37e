import Foundation
import UsageAnalytics

/// An invoice for a client's approved billable time of a period, numbered per tenant without gaps.
public struct Invoice: Sendable, Equatable {
    /// Where an invoice stands.
    public enum Status: String, Sendable, CaseIterable {
        /// Generated, not yet delivered.
        case draft
        case sent
        /// Nothing is due any more.
        case paid
    }

    public var id: String
    public var tenantID: String
    /// Per tenant, from 1, without gaps.
    public var number: Int64
    public var clientID: String
    /// The days billed, `[start, end)`.
    public var periodStart: Date
    public var periodEnd: Date
    public var status: Status
    public var subtotalMinor: Int64
    /// The tax rate in hundredths of a percent (825 is 8.25 %).
    public var taxBasisPoints: Int
    public var taxMinor: Int64
    public var totalMinor: Int64
    public var paidMinor: Int64
    public var createdAt: Date
    public var sentAt: Date?
    public var deliveryMethod: InvoiceDeliveryMethod?
    public var lines: [InvoiceLine] = []

    /// What remains due.
    public var balanceMinor: Int64 { totalMinor - paidMinor }

    /// The range the total falls in, the only trace of the amount that `invoice_generated` carries.
    var amountBucket: AmountBucket {
        AmountBucket(amount: Decimal(totalMinor) / 100)
    }
}

extension Invoice {
    init(row: SQLRow) throws {
        guard let status = Status(rawValue: try row.string("status")) else {
            throw DatabaseError.unexpectedValue(column: "status")
        }
        let method = try row.optionalString("delivery_method")
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), number: try row.integer("number"),
            clientID: try row.string("client_id"), periodStart: try row.date("period_start"),
            periodEnd: try row.date("period_end"), status: status, subtotalMinor: try row.integer("subtotal_minor"),
            taxBasisPoints: Int(try row.integer("tax_basis_points")), taxMinor: try row.integer("tax_minor"),
            totalMinor: try row.integer("total_minor"), paidMinor: try row.integer("paid_minor"),
            createdAt: try row.date("created_at"), sentAt: try row.optionalDate("sent_at"),
            deliveryMethod: try method.map {
                guard let method = InvoiceDeliveryMethod(rawValue: $0) else {
                    throw DatabaseError.unexpectedValue(column: "delivery_method")
                }
                return method
            })
    }

    static let columns = """
        id, tenant_id, number, client_id, period_start, period_end, status, subtotal_minor, tax_basis_points, \
        tax_minor, total_minor, paid_minor, created_at, sent_at, delivery_method
        """
}
