import UsageAnalytics

/// A search of a tenant's tickets: text plus filters, in the asked order (or the tenant's default), one page
/// at a time.
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
    /// The order the request asked for (`sort`); `nil` lets the tenant's product decisions choose.
    public var order: TicketOrder?
    /// Continue after this previous page's cursor, in its order.
    public var after: SearchCursor?

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
    /// The order the page is in.
    public var order: TicketOrder
    public var nextCursor: String?
}
