import Foundation

/// The SQL of invoices, their lines and payments. Every query is scoped by tenant.
struct InvoiceStore: Sendable {
    /// Allocates the tenant's next invoice number inside the caller's transaction. The update holds the tenant's
    /// row lock until the transaction ends, so invoices of one tenant are made one at a time, and a rolled-back
    /// invoice gives its number back: numbers have no gaps.
    func nextNumber(tenantID: String, in session: any SQLSession) async throws -> Int64 {
        let rows = try await session.query(
            """
            UPDATE tenants SET next_invoice_number = next_invoice_number + 1 WHERE id = \(tenantID)
            RETURNING next_invoice_number - 1 AS number
            """)
        guard let row = rows.first else { throw RequestError.notFound("tenant") }
        return try row.integer("number")
    }

    /// Locks the tenant's approved sheets that overlap `[start, end)`, so none is reopened while its time is billed.
    func lockApprovedSheets(tenantID: String, from start: Date, to end: Date, in session: any SQLSession)
        async throws
    {
        try await session.query(
            """
            UPDATE timesheets SET id = id
            WHERE tenant_id = \(tenantID) AND status = 'approved' AND period_start < \(end) AND period_end > \(start)
            """)
    }

    /// Marks the client's uninvoiced billable time of `[start, end)` that lies in approved sheets as billed by
    /// `invoiceID`, and returns it.
    func claimApprovedTime(
        clientID: String, tenantID: String, from start: Date, to end: Date, invoiceID: String,
        in session: any SQLSession
    ) async throws -> [TimeEntry] {
        try await session.query(
            """
            UPDATE time_entries SET invoice_id = \(invoiceID)
            WHERE tenant_id = \(tenantID) AND client_id = \(clientID) AND billable = 1 AND invoice_id IS NULL
                AND started_at >= \(start) AND started_at < \(end)
                AND EXISTS (
                    SELECT 1 FROM timesheets
                    WHERE timesheets.tenant_id = time_entries.tenant_id AND timesheets.user_id = time_entries.user_id
                        AND timesheets.status = 'approved' AND timesheets.period_start <= time_entries.started_at
                        AND timesheets.period_end > time_entries.started_at)
            RETURNING \(raw: TimeEntry.columns)
            """
        ).map(TimeEntry.init(row:))
    }

    func insert(_ invoice: Invoice, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO invoices (id, tenant_id, number, client_id, period_start, period_end, status, subtotal_minor,
                tax_basis_points, tax_minor, total_minor, paid_minor, created_at, sent_at, delivery_method)
            VALUES (\(invoice.id), \(invoice.tenantID), \(invoice.number), \(invoice.clientID), \(invoice.periodStart),
                \(invoice.periodEnd), \(invoice.status.rawValue), \(invoice.subtotalMinor), \(invoice.taxBasisPoints),
                \(invoice.taxMinor), \(invoice.totalMinor), \(invoice.paidMinor), \(invoice.createdAt),
                \(invoice.sentAt), \(invoice.deliveryMethod?.rawValue))
            """)
        for line in invoice.lines {
            try await session.query(
                """
                INSERT INTO invoice_lines (invoice_id, position, service_id, description, rule_type, entry_count,
                    worked_minutes, billed_minutes, rate_minor, amount_minor)
                VALUES (\(invoice.id), \(line.position), \(line.serviceID), \(line.description), \(line.kind.rawValue),
                    \(line.entryCount), \(line.workedMinutes), \(line.billedMinutes), \(line.rateMinor),
                    \(line.amountMinor))
                """)
        }
    }

    /// The invoice with its lines.
    func invoice(id: String, tenantID: String, locked: Bool = false, in session: any SQLSession) async throws
        -> Invoice?
    {
        let rows =
            locked
            ? try await session.query(
                """
                UPDATE invoices SET id = id WHERE id = \(id) AND tenant_id = \(tenantID)
                RETURNING \(raw: Invoice.columns)
                """)
            : try await session.query(
                "SELECT \(raw: Invoice.columns) FROM invoices WHERE id = \(id) AND tenant_id = \(tenantID)")
        guard var invoice = try rows.first.map(Invoice.init(row:)) else { return nil }
        invoice.lines = try await session.query(
            "SELECT \(raw: InvoiceLine.columns) FROM invoice_lines WHERE invoice_id = \(id) ORDER BY position"
        ).map(InvoiceLine.init(row:))
        return invoice
    }

    func update(_ invoice: Invoice, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE invoices SET status = \(invoice.status.rawValue), paid_minor = \(invoice.paidMinor),
                sent_at = \(invoice.sentAt), delivery_method = \(invoice.deliveryMethod?.rawValue)
            WHERE id = \(invoice.id) AND tenant_id = \(invoice.tenantID)
            """)
    }

    /// The tenant's invoices without their lines, newest first, optionally of one client or status.
    func invoices(
        tenantID: String, clientID: String?, status: Invoice.Status?, limit: Int, in session: any SQLSession
    ) async throws -> [Invoice] {
        var statement: SQLStatement = "SELECT \(raw: Invoice.columns) FROM invoices WHERE tenant_id = \(tenantID)"
        if let clientID { statement += " AND client_id = \(clientID)" }
        if let status { statement += " AND status = \(status.rawValue)" }
        statement += " ORDER BY number DESC LIMIT \(limit)"
        return try await session.query(statement).map(Invoice.init(row:))
    }

    func insert(_ payment: Payment, tenantID: String, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO payments (id, tenant_id, invoice_id, amount_minor, method, received_at)
            VALUES (\(payment.id), \(tenantID), \(payment.invoiceID), \(payment.amountMinor), \(payment.method.rawValue),
                \(payment.receivedAt))
            """)
    }

    func payments(invoiceID: String, tenantID: String, in session: any SQLSession) async throws -> [Payment] {
        try await session.query(
            """
            SELECT id, invoice_id, amount_minor, method, received_at FROM payments
            WHERE invoice_id = \(invoiceID) AND tenant_id = \(tenantID) ORDER BY received_at, id
            """
        ).map(Payment.init(row:))
    }
}
