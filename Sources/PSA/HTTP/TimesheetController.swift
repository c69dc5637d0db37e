import Foundation
import Hummingbird

/// `/api/timesheets`: submit a period, approve (one or many), reject with a reason, reopen, read and list.
struct TimesheetController {
    let sheets: TimesheetService

    static let maximumLimit = 200

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/timesheets/submit", use: submit)
        router.post("/api/timesheets/approve", use: approveAll)
        router.get("/api/timesheets", use: list)
        router.get("/api/timesheets/{id}", use: read)
        router.post("/api/timesheets/{id}/approve", use: approve)
        router.post("/api/timesheets/{id}/reject", use: reject)
        router.post("/api/timesheets/{id}/reopen", use: reopen)
    }

    struct SubmitBody: JSONBody {
        var periodStart: String?
        var periodDays: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case periodStart = "period_start"
            case periodDays = "period_days"
        }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            periodStart = try container.decodeIfPresent(String.self, forKey: .periodStart)
            periodDays = try container.decodeWholeNumber(forKey: .periodDays).map { Int(clamping: $0) }
        }

        /// The week containing `now` unless a start day (and a length, 7 days by default) is given.
        func period(now: Date) throws -> TimesheetPeriod {
            guard let periodStart else {
                guard periodDays == nil else {
                    throw RequestError.invalid("invalid_field", "'period_days' needs 'period_start'.")
                }
                return TimesheetPeriod.week(containing: now)
            }
            let days = try FieldRules.number(
                periodDays ?? 7, field: "period_days", in: 1...TimesheetPeriod.maximumDays)
            return TimesheetPeriod(startDay: try FieldRules.day(periodStart, field: "period_start"), days: days)
        }
    }

    struct BulkApprovalBody: JSONBody {
        var ids: [String]

        enum CodingKeys: String, CodingKey, CaseIterable { case ids }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            ids = try decoder.container(keyedBy: CodingKeys.self).decodeStrings(forKey: .ids)
        }
    }

    struct RejectionBody: JSONBody {
        var reason: String

        enum CodingKeys: String, CodingKey, CaseIterable { case reason }

        init(from decoder: any Decoder) throws {
            try Self.refuseUnknownKeys(in: decoder)
            reason = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .reason)
        }
    }

    @Sendable func submit(_ request: Request, context: PSARequestContext) async throws -> TimesheetTotals {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: SubmitBody.self, context: context)
        return try await sheets.submit(period: try body.period(now: context.now), by: principal, at: context.now)
    }

    @Sendable func approve(_ request: Request, context: PSARequestContext) async throws -> TimesheetTotals {
        let principal = try context.requirePrincipal()
        return try await sheets.approve(id: try context.pathID(naming: "time sheet"), by: principal, at: context.now)
    }

    @Sendable func approveAll(_ request: Request, context: PSARequestContext) async throws
        -> ResultList<TimesheetTotals>
    {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: BulkApprovalBody.self, context: context)
        guard body.ids.count <= TimesheetService.maximumBulk else {
            throw RequestError.invalid(
                "invalid_field", "'ids' must list 1 to \(TimesheetService.maximumBulk) different time sheet ids.")
        }
        let ids = try body.ids.map { try FieldRules.identifier($0, field: "ids") }
        return ResultList(results: try await sheets.approveAll(ids: ids, by: principal, at: context.now))
    }

    @Sendable func reject(_ request: Request, context: PSARequestContext) async throws -> TimesheetTotals {
        let principal = try context.requirePrincipal()
        let id = try context.pathID(naming: "time sheet")
        let body = try await request.decodeJSON(as: RejectionBody.self, context: context)
        let reason = try FieldRules.text(body.reason, field: "reason", maximum: 2_000, multiline: true)
        return try await sheets.reject(id: id, reason: reason, by: principal, at: context.now)
    }

    @Sendable func reopen(_ request: Request, context: PSARequestContext) async throws -> TimesheetTotals {
        let principal = try context.requirePrincipal()
        return try await sheets.reopen(id: try context.pathID(naming: "time sheet"), by: principal, at: context.now)
    }

    @Sendable func read(_ request: Request, context: PSARequestContext) async throws -> TimesheetTotals {
        try await sheets.sheet(id: try context.pathID(naming: "time sheet"), for: try context.requirePrincipal())
    }

    /// `?user_id=&status=&limit=`, newest period first.
    @Sendable func list(_ request: Request, context: PSARequestContext) async throws -> ResultList<TimesheetTotals> {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        try QueryRules.refuseUnknown(parameters, accepted: ["user_id", "status", "limit"])
        return ResultList(
            results: try await sheets.list(
                userID: try parameters.get("user_id").map { try FieldRules.identifier($0, field: "user_id") },
                status: try parameters.get("status").map {
                    try FieldRules.choice($0, field: "status", of: Timesheet.Status.self)
                },
                limit: try QueryRules.limit(parameters, default: 50, maximum: Self.maximumLimit), by: principal))
    }
}
