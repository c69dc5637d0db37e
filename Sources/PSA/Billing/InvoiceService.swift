import Foundation
import UsageAnalytics

/// Invoices from approved billable time, their delivery and their payments. Each change is one transaction;
/// `invoice_generated`, `invoice_sent` and `payment_processed` follow the commits and carry only an amount
/// bucket, never an amount, a number or a client's name.
public struct InvoiceService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    private let store = InvoiceStore()
    private let rates = RateStore()
    private let clients = ClientStore()

    /// The longest period one invoice covers.
    public static let maximumPeriodDays = 366

    init(database: any SQLDatabase, analytics: AnalyticsClient) {
        self.database = database
        self.analytics = analytics
    }

    /// What to invoice: a client's approved billable time of `[periodStart, periodEnd)`, taxed at `taxBasisPoints`.
    public struct Request: Sendable {
        public var clientID: String
        public var periodStart: Date
        public var periodEnd: Date
        public var taxBasisPoints: Int
    }

    /// Makes the next invoice of the tenant from the client's approved, billable, not yet invoiced time of the
    /// period (admins); a 409 when there is none.
    public func generate(_ request: Request, by principal: Principal, at time: Date) async throws -> Invoice {
        try RateService.requireAdmin(principal)
        let invoice = try await database.transaction { [store, rates, clients] session in
            guard try await clients.client(id: request.clientID, tenantID: principal.tenantID, in: session) != nil
            else { throw RequestError.invalid("invalid_field", "'client_id' is not a client of this tenant.") }
            let number = try await store.nextNumber(tenantID: principal.tenantID, in: session)
            try await store.lockApprovedSheets(
                tenantID: principal.tenantID, from: request.periodStart, to: request.periodEnd, in: session)
            let id = UUIDText.make()
            let entries = try await store.claimApprovedTime(
                clientID: request.clientID, tenantID: principal.tenantID, from: request.periodStart,
                to: request.periodEnd, invoiceID: id, in: session)
            guard !entries.isEmpty else {
                throw RequestError(
                    status: .conflict, type: "conflict", code: "nothing_to_invoice",
                    detail: "The client has no approved, billable, uninvoiced time in this period.")
            }
            let services = try await rates.services(tenantID: principal.tenantID, in: session)
            let rules = try await rates.rules(tenantID: principal.tenantID, clientID: request.clientID, in: session)
            let priced = try InvoiceCalculator(
                services: Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) }),
                rules: Dictionary(uniqueKeysWithValues: rules.map { ($0.serviceID, $0) })
            ).price(entries, clientID: request.clientID, taxBasisPoints: request.taxBasisPoints)
            let invoice = Invoice(
                id: id, tenantID: principal.tenantID, number: number, clientID: request.clientID,
                periodStart: request.periodStart, periodEnd: request.periodEnd,
                status: priced.totalMinor == 0 ? .paid : .draft, subtotalMinor: priced.subtotalMinor,
                taxBasisPoints: request.taxBasisPoints, taxMinor: priced.taxMinor, totalMinor: priced.totalMinor,
                paidMinor: 0, createdAt: time, sentAt: nil, deliveryMethod: nil, lines: priced.lines)
            try await store.insert(invoice, in: session)
            return invoice
        }
        analytics.capture(
            InvoiceGenerated(lineCount: invoice.lines.count, isManual: false, amountBucket: invoice.amountBucket),
            actor: principal.analyticsActor, at: time)
        return invoice
    }

    /// Records that the invoice reached the client (admins); once per invoice.
    public func send(id: String, method: InvoiceDeliveryMethod, by principal: Principal, at time: Date) async throws
        -> Invoice
    {
        try RateService.requireAdmin(principal)
        let invoice = try await database.transaction { [store] session in
            var invoice = try await lockedInvoice(id: id, tenantID: principal.tenantID, in: session)
            guard invoice.sentAt == nil else {
                throw RequestError(
                    status: .conflict, type: "conflict", code: "already_sent", detail: "The invoice was already sent.")
            }
            invoice.sentAt = time
            invoice.deliveryMethod = method
            if invoice.status == .draft { invoice.status = .sent }
            try await store.update(invoice, in: session)
            return invoice
        }
        analytics.capture(
            InvoiceSent(
                deliveryMethod: method,
                daysSinceGenerated: max(0, Int(time.timeIntervalSince(invoice.createdAt) / 86_400))),
            actor: principal.analyticsActor, at: time)
        return invoice
    }

    /// Records a payment of at most the balance due (admins); `is_partial` when a balance remains.
    public func pay(
        invoiceID: String, amountMinor: Int64, method: PaymentMethod, by principal: Principal, at time: Date
    ) async throws -> (Invoice, Payment) {
        try RateService.requireAdmin(principal)
        let (invoice, payment) = try await database.transaction { [store] session in
            var invoice = try await lockedInvoice(id: invoiceID, tenantID: principal.tenantID, in: session)
            guard amountMinor <= invoice.balanceMinor else {
                throw RequestError(
                    status: .conflict, type: "conflict", code: "exceeds_balance",
                    detail: invoice.balanceMinor == 0
                        ? "The invoice is paid in full." : "The payment is more than the balance due.")
            }
            let payment = Payment(
                id: UUIDText.make(), invoiceID: invoice.id, amountMinor: amountMinor, method: method, receivedAt: time)
            invoice.paidMinor += amountMinor
            if invoice.balanceMinor == 0 { invoice.status = .paid }
            try await store.insert(payment, tenantID: principal.tenantID, in: session)
            try await store.update(invoice, in: session)
            return (invoice, payment)
        }
        analytics.capture(
            PaymentProcessed(method: method, isPartial: invoice.balanceMinor > 0), actor: principal.analyticsActor,
            at: time)
        return (invoice, payment)
    }

    /// The invoice with its lines (staff).
    public func invoice(id: String, for principal: Principal) async throws -> Invoice {
        try TimeEntryService.requireStaff(principal)
        guard let invoice = try await store.invoice(id: id, tenantID: principal.tenantID, in: database) else {
            throw RequestError.notFound("invoice")
        }
        return invoice
    }

    /// The invoice's payments, oldest first (staff).
    public func payments(invoiceID: String, for principal: Principal) async throws -> [Payment] {
        let invoice = try await invoice(id: invoiceID, for: principal)
        return try await store.payments(invoiceID: invoice.id, tenantID: principal.tenantID, in: database)
    }

    /// The tenant's invoices, newest first, without their lines (staff).
    public func list(clientID: String?, status: Invoice.Status?, limit: Int, by principal: Principal) async throws
        -> [Invoice]
    {
        try TimeEntryService.requireStaff(principal)
        return try await store.invoices(
            tenantID: principal.tenantID, clientID: clientID, status: status, limit: limit, in: database)
    }

    private func lockedInvoice(id: String, tenantID: String, in session: any SQLSession) async throws -> Invoice {
        guard let invoice = try await store.invoice(id: id, tenantID: tenantID, locked: true, in: session) else {
            throw RequestError.notFound("invoice")
        }
        return invoice
    }
}
