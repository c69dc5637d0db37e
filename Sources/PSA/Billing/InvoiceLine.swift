/// One line of an invoice: a service's billable time for the period, priced by the client's rule.
public struct InvoiceLine: Sendable, Equatable {
    public var position: Int
    public var serviceID: String
    /// The service's name when the invoice was made.
    public var description: String
    public var kind: BillingRule.Kind
    public var entryCount: Int
    /// The minutes worked, as logged.
    public var workedMinutes: Int
    /// The minutes billed: hourly, each entry raised to the minimum and rounded up to the increment.
    public var billedMinutes: Int
    /// Per hour (hourly) or the fee (fixed), in minor units.
    public var rateMinor: Int64
    public var amountMinor: Int64
}

extension InvoiceLine {
    init(row: SQLRow) throws {
        guard let kind = BillingRule.Kind(rawValue: try row.string("rule_type")) else {
            throw DatabaseError.unexpectedValue(column: "rule_type")
        }
        self.init(
            position: Int(try row.integer("position")), serviceID: try row.string("service_id"),
            description: try row.string("description"), kind: kind, entryCount: Int(try row.integer("entry_count")),
            workedMinutes: Int(try row.integer("worked_minutes")),
            billedMinutes: Int(try row.integer("billed_minutes")),
            rateMinor: try row.integer("rate_minor"), amountMinor: try row.integer("amount_minor"))
    }

    static let columns = """
        position, service_id, description, rule_type, entry_count, worked_minutes, billed_minutes, rate_minor, \
        amount_minor
        """
}
