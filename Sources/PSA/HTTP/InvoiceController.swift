import Foundation
import Hummingbird
import UsageAnalytics

/// `/api/invoices`: generate from approved time, read, list, send, and record payments.
struct InvoiceController {
    let invoices: InvoiceService

    static let maximumLimit = 200
    /// The largest payment in minor units: 10^13.
    static let maximumPayment: Int64 = 10_000_000_000_000

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/invoices", use: generate)
        router.get("/api/invoices", use: list)
        router.get("/api/invoices/{id}", use: read)
        router.post("/api/invoices/{id}/send", use: send)
        router.post("/api/invoices/{id}/payments", use: pay)
        router.get("/api/invoices/{id}/payments", use: payments)
    }

    struct GenerateBody: JSONBody {
        var clientID: String
        var periodStart: String
        var periodEnd: String
        var taxBasisPoints: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case clientID = "client_id"
            case periodStart = "period_start"
            case periodEnd = "period_end"
            case taxBasisPoints = "tax_basis_points"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            clientID = try container.decode(String.self, forKey: .clientID)
            periodStart = try container.decode(String.self, forKey: .periodStart)
            periodEnd = try container.decode(String.self, forKey: .periodEnd)
            taxBasisPoints = try container.decodeWholeNumber(forKey: .taxBasisPoints).map { Int(clamping: $0) }
        }

        /// `period_start` to `period_end`, both days included.
        func request() throws -> InvoiceService.Request {
            let start = try FieldRules.day(periodStart, field: "period_start")
            let end = try FieldRules.day(periodEnd, field: "period_end").addingTimeInterval(86_400)
            guard start < end, end.timeIntervalSince(start) <= Double(InvoiceService.maximumPeriodDays) * 86_400 else {
                throw RequestError.invalid(
                    "invalid_field",
                    "'period_end' must not be before 'period_start', at most \(InvoiceService.maximumPeriodDays) days on."
                )
            }
            return InvoiceService.Request(
                clientID: try FieldRules.identifier(clientID, field: "client_id"), periodStart: start, periodEnd: end,
                taxBasisPoints: try FieldRules.number(taxBasisPoints ?? 0, field: "tax_basis_points", in: 0...10_000))
        }
    }

    struct SendBody: JSONBody {
        var method: String

        enum CodingKeys: String, CodingKey, CaseIterable { case method }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            method = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .method)
        }
    }

    struct PaymentBody: JSONBody {
        var amountMinor: Int64
        var method: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case method
            case amountMinor = "amount_minor"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            amountMinor = try container.decodeRequiredWholeNumber(forKey: .amountMinor)
            method = try container.decode(String.self, forKey: .method)
        }
    }

    @Sendable func generate(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<Invoice> {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: GenerateBody.self, context: context)
        let invoice = try await invoices.generate(try body.request(), by: principal, at: context.now)
        return EditedResponse(status: .created, response: invoice)
    }

    @Sendable func read(_ request: Request, context: PSARequestContext) async throws -> Invoice {
        try await invoices.invoice(id: try context.pathID(naming: "invoice"), for: try context.requirePrincipal())
    }

    @Sendable func send(_ request: Request, context: PSARequestContext) async throws -> Invoice {
        let principal = try context.requirePrincipal()
        let id = try context.pathID(naming: "invoice")
        let body = try await request.decodeJSON(as: SendBody.self, context: context)
        let method = try FieldRules.choice(body.method, field: "method", of: InvoiceDeliveryMethod.self)
        return try await invoices.send(id: id, method: method, by: principal, at: context.now)
    }

    @Sendable func pay(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<Payment> {
        let principal = try context.requirePrincipal()
        let id = try context.pathID(naming: "invoice")
        let body = try await request.decodeJSON(as: PaymentBody.self, context: context)
        let (_, payment) = try await invoices.pay(
            invoiceID: id,
            amountMinor: try FieldRules.number(body.amountMinor, field: "amount_minor", in: 1...Self.maximumPayment),
            method: try FieldRules.choice(body.method, field: "method", of: PaymentMethod.self), by: principal,
            at: context.now)
        return EditedResponse(status: .created, response: payment)
    }

    @Sendable func payments(_ request: Request, context: PSARequestContext) async throws -> ResultList<Payment> {
        let principal = try context.requirePrincipal()
        return ResultList(
            results: try await invoices.payments(invoiceID: try context.pathID(naming: "invoice"), for: principal))
    }

    /// `?client_id=&status=&limit=`, newest first, without lines.
    @Sendable func list(_ request: Request, context: PSARequestContext) async throws -> ResultList<Invoice> {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        try QueryRules.refuseUnknown(parameters, accepted: ["client_id", "status", "limit"])
        return ResultList(
            results: try await invoices.list(
                clientID: try parameters.get("client_id").map { try FieldRules.identifier($0, field: "client_id") },
                status: try parameters.get("status").map {
                    try FieldRules.choice($0, field: "status", of: Invoice.Status.self)
                },
                limit: try QueryRules.limit(parameters, default: 50, maximum: Self.maximumLimit), by: principal))
    }
}
