import Foundation
import Hummingbird

/// `/api/services` and `/api/billing-rules`: what the tenant sells and each client's price (admins change them).
struct RateController {
    let rates: RateService

    /// The largest rate or fee in minor units: 10^10, a hundred million in a two-decimal currency.
    static let maximumRate: Int64 = 10_000_000_000

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/services", use: createService)
        router.get("/api/services", use: listServices)
        router.post("/api/billing-rules", use: createRule)
        router.get("/api/billing-rules", use: listRules)
        router.patch("/api/billing-rules/{id}", use: updateRule)
    }

    struct NewServiceBody: JSONBody {
        var name: String
        var defaultRateMinor: Int64

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case defaultRateMinor = "default_rate_minor"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            defaultRateMinor = try container.decodeRequiredWholeNumber(forKey: .defaultRateMinor)
        }
    }

    struct RuleBody: JSONBody {
        var clientID: String?
        var serviceID: String?
        var ruleType: String?
        var rateMinor: Int64?
        var minimumMinutes: Int?
        var roundingMinutes: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case clientID = "client_id"
            case serviceID = "service_id"
            case ruleType = "rule_type"
            case rateMinor = "rate_minor"
            case minimumMinutes = "minimum_minutes"
            case roundingMinutes = "rounding_minutes"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
            serviceID = try container.decodeIfPresent(String.self, forKey: .serviceID)
            ruleType = try container.decodeIfPresent(String.self, forKey: .ruleType)
            rateMinor = try container.decodeWholeNumber(forKey: .rateMinor)
            minimumMinutes = try container.decodeWholeNumber(forKey: .minimumMinutes).map { Int(clamping: $0) }
            roundingMinutes = try container.decodeWholeNumber(forKey: .roundingMinutes).map { Int(clamping: $0) }
        }

        func newRule() throws -> RateService.NewRule {
            guard let clientID else { throw RequestError.invalid("invalid_field", "'client_id' is required.") }
            guard let serviceID else { throw RequestError.invalid("invalid_field", "'service_id' is required.") }
            guard let ruleType else { throw RequestError.invalid("invalid_field", "'rule_type' is required.") }
            guard let rateMinor else { throw RequestError.invalid("invalid_field", "'rate_minor' is required.") }
            let changes = try self.changes()
            return RateService.NewRule(
                clientID: try FieldRules.identifier(clientID, field: "client_id"),
                serviceID: try FieldRules.identifier(serviceID, field: "service_id"),
                kind: try FieldRules.choice(ruleType, field: "rule_type", of: BillingRule.Kind.self),
                rateMinor: try FieldRules.number(rateMinor, field: "rate_minor", in: 0...RateController.maximumRate),
                minimumMinutes: changes.minimumMinutes ?? 0, roundingMinutes: changes.roundingMinutes ?? 1)
        }

        func changes() throws -> RateService.Changes {
            RateService.Changes(
                kind: try ruleType.map { try FieldRules.choice($0, field: "rule_type", of: BillingRule.Kind.self) },
                rateMinor: try rateMinor.map {
                    try FieldRules.number($0, field: "rate_minor", in: 0...RateController.maximumRate)
                },
                minimumMinutes: try minimumMinutes.map {
                    try FieldRules.number($0, field: "minimum_minutes", in: 0...TimeEntryRules.maximumMinutes)
                },
                roundingMinutes: try roundingMinutes.map {
                    try FieldRules.number($0, field: "rounding_minutes", in: 1...TimeEntryRules.maximumMinutes)
                })
        }
    }

    @Sendable func createService(_ request: Request, context: PSARequestContext) async throws
        -> EditedResponse<BillableService>
    {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: NewServiceBody.self, context: context)
        let service = try await rates.createService(
            name: try FieldRules.text(body.name, field: "name", maximum: 200),
            defaultRateMinor: try FieldRules.number(
                body.defaultRateMinor, field: "default_rate_minor", in: 0...Self.maximumRate),
            by: principal, at: context.now)
        return EditedResponse(status: .created, response: service)
    }

    @Sendable func listServices(_ request: Request, context: PSARequestContext) async throws
        -> ResultList<BillableService>
    {
        ResultList(results: try await rates.services(by: try context.requirePrincipal()))
    }

    @Sendable func createRule(_ request: Request, context: PSARequestContext) async throws
        -> EditedResponse<BillingRule>
    {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: RuleBody.self, context: context)
        let rule = try await rates.createRule(try body.newRule(), by: principal, at: context.now)
        return EditedResponse(status: .created, response: rule)
    }

    @Sendable func updateRule(_ request: Request, context: PSARequestContext) async throws -> BillingRule {
        let principal = try context.requirePrincipal()
        let id = try context.pathID(naming: "billing rule")
        let body = try await request.decodeJSON(as: RuleBody.self, context: context)
        guard body.clientID == nil, body.serviceID == nil else {
            throw RequestError.invalid("invalid_field", "'client_id' and 'service_id' of a rule cannot change.")
        }
        return try await rates.updateRule(id: id, try body.changes(), by: principal, at: context.now)
    }

    /// `?client_id=`.
    @Sendable func listRules(_ request: Request, context: PSARequestContext) async throws -> ResultList<BillingRule> {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        try QueryRules.refuseUnknown(parameters, accepted: ["client_id"])
        let clientID = try parameters.get("client_id").map { try FieldRules.identifier($0, field: "client_id") }
        return ResultList(results: try await rates.rules(clientID: clientID, by: principal))
    }
}
