import Foundation
import UsageAnalytics

/// The services a tenant sells and each client's price for them. `billing_rule_created` and
/// `billing_rule_updated` follow their commits.
public struct RateService: Sendable {
    let database: any SQLDatabase
    let analytics: AnalyticsClient
    private let store = RateStore()
    private let clients = ClientStore()

    init(database: any SQLDatabase, analytics: AnalyticsClient) {
        self.database = database
        self.analytics = analytics
    }

    /// Adds a service with its default hourly rate (admins); a name is used once per tenant.
    public func createService(name: String, defaultRateMinor: Int64, by principal: Principal, at time: Date)
        async throws -> BillableService
    {
        try Self.requireAdmin(principal)
        let service = BillableService(
            id: UUIDText.make(), tenantID: principal.tenantID, name: name, defaultRateMinor: defaultRateMinor,
            createdAt: time)
        do {
            try await database.transaction { [store] session in try await store.insert(service, in: session) }
        } catch let error as DatabaseError where error == .uniqueViolation {
            throw RequestError(
                status: .conflict, type: "conflict", code: "service_exists", detail: "A service with that name exists.")
        }
        return service
    }

    public func services(by principal: Principal) async throws -> [BillableService] {
        try TimeEntryService.requireStaff(principal)
        return try await store.services(tenantID: principal.tenantID, in: database)
    }

    /// What a new rule is made of.
    public struct NewRule: Sendable {
        public var clientID: String
        public var serviceID: String
        public var kind: BillingRule.Kind
        public var rateMinor: Int64
        public var minimumMinutes: Int
        public var roundingMinutes: Int
    }

    /// Sets a client's price for a service (admins); one rule per client and service.
    public func createRule(_ draft: NewRule, by principal: Principal, at time: Date) async throws -> BillingRule {
        try Self.requireAdmin(principal)
        let rule = BillingRule(
            id: UUIDText.make(), tenantID: principal.tenantID, clientID: draft.clientID, serviceID: draft.serviceID,
            kind: draft.kind, rateMinor: draft.rateMinor, minimumMinutes: draft.minimumMinutes,
            roundingMinutes: draft.roundingMinutes, createdAt: time, updatedAt: time)
        do {
            try await database.transaction { [store, clients] session in
                guard try await clients.client(id: rule.clientID, tenantID: rule.tenantID, in: session) != nil else {
                    throw RequestError.invalid("invalid_field", "'client_id' is not a client of this tenant.")
                }
                guard try await store.service(id: rule.serviceID, tenantID: rule.tenantID, in: session) != nil else {
                    throw RequestError.invalid("invalid_field", "'service_id' is not a service of this tenant.")
                }
                try await store.insert(rule, in: session)
            }
        } catch let error as DatabaseError where error == .uniqueViolation {
            throw RequestError(
                status: .conflict, type: "conflict", code: "rule_exists",
                detail: "The client already has a rule for this service; change it instead.")
        }
        analytics.capture(BillingRuleCreated(ruleType: rule.kind.ruleType), actor: principal.analyticsActor, at: time)
        return rule
    }

    /// Changes to a rule; nil fields stay.
    public struct Changes: Sendable {
        public var kind: BillingRule.Kind?
        public var rateMinor: Int64?
        public var minimumMinutes: Int?
        public var roundingMinutes: Int?
    }

    /// Changes a rule (admins); `billing_rule_updated` follows when a stored value changed. Invoices already made
    /// keep the prices they were made with.
    public func updateRule(id: String, _ changes: Changes, by principal: Principal, at time: Date) async throws
        -> BillingRule
    {
        try Self.requireAdmin(principal)
        let (after, changed) = try await database.transaction { [store] session in
            guard let before = try await store.lockedRule(id: id, tenantID: principal.tenantID, in: session) else {
                throw RequestError.notFound("billing rule")
            }
            var after = before
            after.kind = changes.kind ?? after.kind
            after.rateMinor = changes.rateMinor ?? after.rateMinor
            after.minimumMinutes = changes.minimumMinutes ?? after.minimumMinutes
            after.roundingMinutes = changes.roundingMinutes ?? after.roundingMinutes
            let changed = after.fieldsChanged(from: before)
            guard !changed.isEmpty else { return (before, changed) }
            after.updatedAt = time
            try await store.update(after, in: session)
            return (after, changed)
        }
        if !changed.isEmpty {
            analytics.capture(
                BillingRuleUpdated(ruleType: after.kind.ruleType, updatedFields: changed),
                actor: principal.analyticsActor, at: time)
        }
        return after
    }

    /// The tenant's rules, optionally of one client.
    public func rules(clientID: String?, by principal: Principal) async throws -> [BillingRule] {
        try TimeEntryService.requireStaff(principal)
        return try await store.rules(tenantID: principal.tenantID, clientID: clientID, in: database)
    }

    static func requireAdmin(_ principal: Principal) throws {
        guard principal.role == .admin else { throw RequestError.forbidden("Only an admin can manage billing.") }
    }
}
