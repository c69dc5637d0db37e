import Hummingbird
import UsageAnalytics

/// The query string of `GET /api/tickets`: `q`, `status` (comma-separated), `priority`, `client`, `assigned_to`
/// (a user id, `me` or `unassigned`), `include_closed`, `limit`, `cursor` and `sort` (`newest`, `priority`, or
/// `relevance` with `q`; without it the tenant's default order applies).
enum TicketSearchParameters {
    static let names: Set<String> = [
        "q", "status", "priority", "client", "assigned_to", "include_closed", "limit", "cursor", "sort",
    ]

    static func parse(_ parameters: Parameters, caller: Principal) throws -> TicketSearch {
        let unknown = Set(parameters.map { String($0.key) }).subtracting(names).sorted()
        guard unknown.isEmpty else {
            let listed = unknown.prefix(5).map { String($0.prefix(64)).debugDescription }.joined(separator: ", ")
            throw RequestError.invalid(
                "unknown_parameter",
                "Unknown parameter \(listed); accepted: \(names.sorted().joined(separator: ", ")).")
        }
        var search = TicketSearch()
        if let text = parameters.get("q") {
            search.text = try FieldRules.optionalText(text, field: "q", maximum: 200)
        }
        if let statuses = parameters.get("status") {
            search.statuses = try statuses.split(separator: ",", omittingEmptySubsequences: false).map {
                try FieldRules.choice(String($0), field: "status", of: TicketStatus.self)
            }
        }
        if let priority = parameters.get("priority") {
            search.priority = try FieldRules.choice(priority, field: "priority", of: TicketPriority.self)
        }
        if let client = parameters.get("client") {
            search.clientID = try FieldRules.identifier(client, field: "client")
        }
        if let assignee = parameters.get("assigned_to") {
            switch assignee {
            case "me": search.assignee = .user(caller.userID)
            case "unassigned": search.assignee = .unassigned
            default: search.assignee = .user(try FieldRules.identifier(assignee, field: "assigned_to"))
            }
        }
        if let includeClosed = parameters.get("include_closed") {
            switch includeClosed {
            case "true", "1": search.includeClosed = true
            case "false", "0": search.includeClosed = false
            default: throw RequestError.invalid("invalid_field", "'include_closed' must be true or false.")
            }
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...TicketSearch.maximumLimit).contains(value) else {
                throw RequestError.invalid(
                    "invalid_field", "'limit' must be a whole number from 1 to \(TicketSearch.maximumLimit).")
            }
            search.limit = value
        }
        if let sort = parameters.get("sort") {
            search.order = try FieldRules.choice(sort, field: "sort", of: TicketOrder.self)
        }
        if let cursor = parameters.get("cursor") {
            let after = try SearchCursor(parsing: cursor)
            guard search.order == nil || search.order == after.order else {
                throw RequestError.invalid(
                    "invalid_field", "'cursor' continues a page sorted by \(after.order.rawValue), not by 'sort'.")
            }
            search.after = after
        }
        if search.order == .relevance || search.after?.order == .relevance, search.text == nil {
            throw RequestError.invalid("invalid_field", "'sort=relevance' ranks matches of 'q': give a query.")
        }
        return search
    }
}
