/// `ticket_searched`: a ticket search ran. Never carries the query text.
public struct TicketSearched: AnalyticsEvent {
    public var queryLength: Int
    public var searchFields: [TicketSearchField]
    public var filtersUsed: Set<TicketSearchFilter>
    public var resultCount: Int
    public var limit: Int
    public var durationMilliseconds: Double

    public init(
        queryLength: Int, searchFields: [TicketSearchField], filtersUsed: Set<TicketSearchFilter>,
        resultCount: Int, limit: Int, durationMilliseconds: Double
    ) {
        self.queryLength = queryLength
        self.searchFields = searchFields
        self.filtersUsed = filtersUsed
        self.resultCount = resultCount
        self.limit = limit
        self.durationMilliseconds = durationMilliseconds
    }

    public static let definition = EventDefinition(
        name: "ticket_searched", category: .tickets,
        trigger: "On every ticket search.",
        properties: [
            .count("query_length", \Self.queryLength, "Characters in the query; the query itself is never sent."),
            .enumerationList("search_fields", \Self.searchFields, "The fields the query was matched against."),
            .flagSet("filters_used", \Self.filtersUsed, "Which filters the search applied."),
            .count("result_count", \Self.resultCount, "Tickets returned."),
            .count("limit", \Self.limit, "The page size asked for."),
            .duration("duration_ms", \Self.durationMilliseconds, "Time the search took, in milliseconds."),
        ])
}
