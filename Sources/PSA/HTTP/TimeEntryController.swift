import Foundation
import Hummingbird

/// `/api/time-entries`: log, read, change, delete and list the caller's time (admins: anyone's in the tenant).
struct TimeEntryController {
    let entries: TimeEntryService

    /// The most entries one list returns.
    static let maximumLimit = 500

    func addRoutes(to router: Router<PSARequestContext>) {
        router.post("/api/time-entries", use: create)
        router.get("/api/time-entries", use: list)
        router.get("/api/time-entries/{id}", use: read)
        router.patch("/api/time-entries/{id}", use: update)
        router.delete("/api/time-entries/{id}", use: delete)
    }

    @Sendable func create(_ request: Request, context: PSARequestContext) async throws -> EditedResponse<TimeEntry> {
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(as: NewTimeEntryBody.self, context: context)
        let entry = try await entries.create(try body.draft(), by: principal, at: context.now)
        return EditedResponse(status: .created, response: entry)
    }

    @Sendable func read(_ request: Request, context: PSARequestContext) async throws -> TimeEntry {
        try await entries.entry(id: try context.pathID(naming: "time entry"), for: try context.requirePrincipal())
    }

    @Sendable func update(_ request: Request, context: PSARequestContext) async throws -> TimeEntry {
        let principal = try context.requirePrincipal()
        let id = try context.pathID(naming: "time entry")
        let body = try await request.decodeJSON(as: TimeEntryChangesBody.self, context: context)
        return try await entries.update(id: id, try body.changes(), by: principal, at: context.now)
    }

    @Sendable func delete(_ request: Request, context: PSARequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        try await entries.delete(id: try context.pathID(naming: "time entry"), by: principal, at: context.now)
        return .noContent
    }

    /// `?user_id=&from=&to=&limit=`: entries that start on the days `from` to `to` (both included; default the
    /// current week), oldest first.
    @Sendable func list(_ request: Request, context: PSARequestContext) async throws -> ResultList<TimeEntry> {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        try QueryRules.refuseUnknown(parameters, accepted: ["user_id", "from", "to", "limit"])
        let week = TimesheetPeriod.week(containing: context.now)
        let from = try parameters.get("from").map { try FieldRules.day($0, field: "from") } ?? week.start
        let to =
            try parameters.get("to").map { try FieldRules.day($0, field: "to").addingTimeInterval(86_400) } ?? week.end
        guard from < to, to.timeIntervalSince(from) <= 366 * 86_400 else {
            throw RequestError.invalid("invalid_field", "'from' must not be after 'to', at most 366 days apart.")
        }
        let results = try await entries.list(
            userID: try parameters.get("user_id").map { try FieldRules.identifier($0, field: "user_id") }, from: from,
            to: to, limit: try QueryRules.limit(parameters, default: 100, maximum: Self.maximumLimit), by: principal)
        return ResultList(results: results)
    }
}
