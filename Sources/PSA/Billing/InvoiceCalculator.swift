/// Prices a client's approved billable time: pure, apart from storage, so the rules are tested on their own.
///
/// One line per service, in the services' name order. Hourly: each entry bills at least the rule's minimum,
/// rounded up to its increment, and the line is `rate × billed minutes / 60`. Fixed: the fee once, whatever the
/// time. Tax is `subtotal × basis points / 10,000`. The two divisions round half up (``MoneyRounding``); the
/// rest is exact integer arithmetic in minor units.
struct InvoiceCalculator: Sendable {
    /// The priced lines and the invoice's totals.
    struct Result: Sendable, Equatable {
        var lines: [InvoiceLine]
        var subtotalMinor: Int64
        var taxMinor: Int64
        var totalMinor: Int64
    }

    /// Services by id, and the client's rules by service id.
    let services: [String: BillableService]
    let rules: [String: BillingRule]

    /// The lines and totals of `entries` (billable, approved, one client) taxed at `taxBasisPoints`.
    func price(_ entries: [TimeEntry], clientID: String, taxBasisPoints: Int) throws -> Result {
        let byService = Dictionary(grouping: entries) { $0.serviceID ?? "" }
        let ordered = try byService.keys.map { id -> BillableService in
            guard let service = services[id] else { throw DatabaseError.unexpectedValue(column: "service_id") }
            return service
        }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        var lines: [InvoiceLine] = []
        var subtotal: Int64 = 0
        for service in ordered {
            let entries = byService[service.id] ?? []
            let rule = rules[service.id] ?? .serviceDefault(service, clientID: clientID)
            let worked = entries.reduce(0) { $0 + $1.durationMinutes }
            let billed =
                rule.kind == .hourly
                ? entries.reduce(0) { $0 + rule.billedMinutes(forEntryOf: $1.durationMinutes) } : worked
            let amount: Int64
            switch rule.kind {
            case .hourly:
                guard let priced = MoneyRounding.scale(rule.rateMinor, by: Int64(billed), over: 60) else {
                    throw Self.tooLarge
                }
                amount = priced
            case .fixed:
                amount = rule.rateMinor
            }
            let (sum, overflow) = subtotal.addingReportingOverflow(amount)
            guard !overflow else { throw Self.tooLarge }
            subtotal = sum
            lines.append(
                InvoiceLine(
                    position: lines.count + 1, serviceID: service.id, description: service.name, kind: rule.kind,
                    entryCount: entries.count, workedMinutes: worked, billedMinutes: billed, rateMinor: rule.rateMinor,
                    amountMinor: amount))
        }
        guard let tax = MoneyRounding.scale(subtotal, by: Int64(taxBasisPoints), over: 10_000) else {
            throw Self.tooLarge
        }
        let (total, overflow) = subtotal.addingReportingOverflow(tax)
        guard !overflow else { throw Self.tooLarge }
        return Result(lines: lines, subtotalMinor: subtotal, taxMinor: tax, totalMinor: total)
    }

    private static let tooLarge = RequestError(
        status: .unprocessableContent, type: "validation_error", code: "amount_too_large",
        detail: "The invoice's amounts do not fit in 64-bit minor units.")
}
