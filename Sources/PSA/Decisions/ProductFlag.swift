/// A product decision the PSA makes per tenant behind a multivariate feature flag: its key, its variants and
/// the ticket order each variant means. `control` is the behaviour before the flag existed, and what every
/// tenant gets when analytics is off, the collector cannot answer in time, or the flag is missing or off.
public struct ProductFlag: Sendable, Hashable {
    /// One value of the flag and the order it selects.
    public struct Variant: Sendable, Hashable {
        public var key: String
        public var order: TicketOrder
        /// What a user of the tenant sees.
        public var summary: String
    }

    /// The flag's key in the collector (or PostHog).
    public var key: String
    /// Which request the decision applies to.
    public var appliesTo: String
    /// The variants, control first.
    public var variants: [Variant]

    /// The control variant.
    public var control: Variant { variants[0] }

    /// The variant called `key`, or control for any value the PSA does not know.
    public func variant(named key: String?) -> Variant {
        variants.first { $0.key == key } ?? control
    }

    /// `GET /api/tickets` without a query: the default order of the ticket list.
    public static let ticketListDefaultOrder = ProductFlag(
        key: "ticket-list-default-order", appliesTo: "`GET /api/tickets` without `q` or `sort`",
        variants: [
            Variant(key: "control", order: .newest, summary: "newest first"),
            Variant(key: "test", order: .priority, summary: "most urgent first, then oldest first"),
        ])

    /// `GET /api/tickets?q=…`: how search results are ranked.
    public static let ticketSearchRanking = ProductFlag(
        key: "ticket-search-ranking", appliesTo: "`GET /api/tickets?q=…` without `sort`",
        variants: [
            Variant(key: "control", order: .newest, summary: "recency: newest first"),
            Variant(
                key: "test", order: .relevance,
                summary: "relevance: number, then title (whole, word, prefix, anywhere) before description; "
                    + "then newest"),
        ])

    /// Every flag the PSA reads.
    public static let all = [ticketListDefaultOrder, ticketSearchRanking]

    /// The flag that decides the default order of `search`.
    static func deciding(_ search: TicketSearch) -> ProductFlag {
        search.text == nil ? ticketListDefaultOrder : ticketSearchRanking
    }
}
