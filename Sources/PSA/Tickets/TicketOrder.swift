import UsageAnalytics

/// How a page of tickets is ordered: the `sort` parameter of `GET /api/tickets`, or, when a request names
/// none, what the tenant's product decisions choose (see ``ProductFlag``).
public enum TicketOrder: String, Sendable, CaseIterable {
    /// Newest first (highest number first): the list's and the search's control.
    case newest
    /// Most urgent first (urgent, high, medium, low), the oldest first within a priority.
    case priority
    /// Best match first: the ticket whose number the query names, then title matches (the whole title, a whole
    /// word, a word's prefix, anywhere in the title) before description matches; newest first within a tier.
    /// Needs a query (`q`).
    case relevance

    /// The cursor's one-letter tag of this order.
    var tag: Character {
        switch self {
        case .newest: "n"
        case .priority: "p"
        case .relevance: "r"
        }
    }

    /// Ranks of ``priority``: the lower, the earlier.
    static func rank(of priority: TicketPriority) -> Int64 {
        switch priority {
        case .urgent: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }
}
