import UsageAnalytics

/// A search of a tenant's tickets: text plus filters, newest first, one page at a time.
public struct TicketSearch: Sendable, Equatable {
    /// Who the tickets are assigned to.
    public enum Assignee: Sendable, Equatable {
        case user(String)
        case unassigned
    }

    /// Text matched against the title, the description and the number (`#42` or `42`).
    public var text: String?
    public var statuses: [TicketStatus]?
    public var priority: TicketPriority?
    public var clientID: String?
    public var assignee: Assignee?
    /// Whether resolved and closed tickets are included when no status is asked for.
    public var includeClosed = false
    /// The page size, 1 to ``maximumLimit``.
    public var limit = 25
    /// Continue after the ticket with this number (from a previous page's cursor).
    public var afterNumber: Int64?

    public static let maximumLimit = 100

    /// The filters this search applies, as `ticket_searched` reports them.
    var filtersUsed: Set<TicketSearchFilter> {
        var filters: Set<TicketSearchFilter> = []
        if statuses != nil { filters.insert(.status) }
        if priority != nil { filters.insert(.priority) }
        if clientID != nil { filters.insert(.client) }
        if assignee != nil { filters.insert(.assignedTo) }
        if includeClosed { filters.insert(.includeClosed) }
        return filters
    }
}

/// One page of results and the cursor of the next page, if any.
public struct TicketPage: Sendable {
    public var tickets: [Ticket]
    public var nextCursor: String?
}

/// The opaque cursor of a search page: `n` plus the last number returned, so pages never overlap or skip
/// when tickets are added meanwhile (new tickets have higher numbers).
enum SearchCursor {
    static func encode(afterNumber: Int64) -> String {
        "n\(afterNumber)"
    }

    static func decode(_ cursor: String) throws -> Int64 {
        guard cursor.hasPrefix("n"), cursor.utf8.count <= 20, let number = Int64(cursor.dropFirst()), number > 0
        else {
            throw RequestError.invalid("invalid_field", "'cursor' is not a cursor this service returned.")
        }
        return number
    }
}
