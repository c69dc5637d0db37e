import Foundation
import UsageAnalytics

/// A client's price for a service: hourly (with a minimum and a rounding increment per entry) or a fixed fee.
public struct BillingRule: Sendable, Equatable {
    /// How the rule prices time.
    public enum Kind: String, Sendable, CaseIterable {
        /// `rate_minor` per hour of billed minutes.
        case hourly
        /// `rate_minor` once per invoice, whatever the time.
        case fixed

        var ruleType: BillingRuleType {
            switch self {
            case .hourly: .hourly
            case .fixed: .fixed
            }
        }
    }

    public var id: String
    public var tenantID: String
    public var clientID: String
    public var serviceID: String
    public var kind: Kind
    /// Per hour (hourly) or per invoice (fixed), in minor units.
    public var rateMinor: Int64
    /// An hourly entry bills at least this many minutes.
    public var minimumMinutes: Int
    /// An hourly entry's minutes are rounded up to a multiple of this (1: exact minutes).
    public var roundingMinutes: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// The hourly rule of a service without a client rule: its default rate, exact minutes.
    static func serviceDefault(_ service: BillableService, clientID: String) -> BillingRule {
        BillingRule(
            id: "", tenantID: service.tenantID, clientID: clientID, serviceID: service.id, kind: .hourly,
            rateMinor: service.defaultRateMinor, minimumMinutes: 0, roundingMinutes: 1, createdAt: service.createdAt,
            updatedAt: service.createdAt)
    }

    /// The minutes an entry of `minutes` bills under this rule: at least the minimum, then rounded up to the
    /// increment.
    func billedMinutes(forEntryOf minutes: Int) -> Int {
        let atLeast = max(minutes, minimumMinutes)
        let increment = max(1, roundingMinutes)
        return (atLeast + increment - 1) / increment * increment
    }

    /// The fields whose value differs from `other`'s, as `billing_rule_updated` names them: the minimum and the
    /// rounding increment price the time, so they count as `rate`.
    func fieldsChanged(from other: BillingRule) -> [BillingRuleField] {
        var changed: [BillingRuleField] = []
        if kind != other.kind { changed.append(.ruleType) }
        if rateMinor != other.rateMinor || minimumMinutes != other.minimumMinutes
            || roundingMinutes != other.roundingMinutes
        {
            changed.append(.rate)
        }
        return changed
    }
}

extension BillingRule {
    init(row: SQLRow) throws {
        guard let kind = Kind(rawValue: try row.string("rule_type")) else {
            throw DatabaseError.unexpectedValue(column: "rule_type")
        }
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), clientID: try row.string("client_id"),
            serviceID: try row.string("service_id"), kind: kind, rateMinor: try row.integer("rate_minor"),
            minimumMinutes: Int(try row.integer("minimum_minutes")),
            roundingMinutes: Int(try row.integer("rounding_minutes")), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    static let columns = """
        id, tenant_id, client_id, service_id, rule_type, rate_minor, minimum_minutes, rounding_minutes, created_at, \
        updated_at
        """
}
