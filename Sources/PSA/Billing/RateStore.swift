import Foundation

/// The SQL of services and billing rules. Every query is scoped by tenant.
struct RateStore: Sendable {
    func insert(_ service: BillableService, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO services (id, tenant_id, name, default_rate_minor, created_at)
            VALUES (\(service.id), \(service.tenantID), \(service.name), \(service.defaultRateMinor),
                \(service.createdAt))
            """)
    }

    func service(id: String, tenantID: String, in session: any SQLSession) async throws -> BillableService? {
        try await session.query(
            "SELECT \(raw: BillableService.columns) FROM services WHERE id = \(id) AND tenant_id = \(tenantID)"
        ).first.map(BillableService.init(row:))
    }

    func services(tenantID: String, in session: any SQLSession) async throws -> [BillableService] {
        try await session.query(
            "SELECT \(raw: BillableService.columns) FROM services WHERE tenant_id = \(tenantID) ORDER BY name, id"
        ).map(BillableService.init(row:))
    }

    func insert(_ rule: BillingRule, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO billing_rules (id, tenant_id, client_id, service_id, rule_type, rate_minor, minimum_minutes,
                rounding_minutes, created_at, updated_at)
            VALUES (\(rule.id), \(rule.tenantID), \(rule.clientID), \(rule.serviceID), \(rule.kind.rawValue),
                \(rule.rateMinor), \(rule.minimumMinutes), \(rule.roundingMinutes), \(rule.createdAt),
                \(rule.updatedAt))
            """)
    }

    /// The rule, locked until the caller's transaction ends (see `TicketStore.lockedTicket`).
    func lockedRule(id: String, tenantID: String, in session: any SQLSession) async throws -> BillingRule? {
        try await session.query(
            """
            UPDATE billing_rules SET id = id WHERE id = \(id) AND tenant_id = \(tenantID)
            RETURNING \(raw: BillingRule.columns)
            """
        ).first.map(BillingRule.init(row:))
    }

    func update(_ rule: BillingRule, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE billing_rules SET rule_type = \(rule.kind.rawValue), rate_minor = \(rule.rateMinor),
                minimum_minutes = \(rule.minimumMinutes), rounding_minutes = \(rule.roundingMinutes),
                updated_at = \(rule.updatedAt)
            WHERE id = \(rule.id) AND tenant_id = \(rule.tenantID)
            """)
    }

    /// The tenant's rules, optionally of one client, by client then service.
    func rules(tenantID: String, clientID: String?, in session: any SQLSession) async throws -> [BillingRule] {
        var statement: SQLStatement =
            "SELECT \(raw: BillingRule.columns) FROM billing_rules WHERE tenant_id = \(tenantID)"
        if let clientID { statement += " AND client_id = \(clientID)" }
        statement += " ORDER BY client_id, service_id"
        return try await session.query(statement).map(BillingRule.init(row:))
    }
}
