/// Where the next page of a search continues: the page's order and the sort key of its last ticket, so pages
/// never overlap or skip when tickets are added meanwhile (new tickets have higher numbers).
///
/// Opaque to clients; spelt `n41` (newest first: after number 41), `p2.17` (priority: after rank 2, number 17)
/// or `r3.8` (relevance: after tier 3, number 8). A continued search keeps its first page's order, whatever
/// the tenant's flags say meanwhile.
public struct SearchCursor: Sendable, Equatable {
    public var order: TicketOrder
    /// The priority rank or relevance tier of the last ticket; 0 for ``TicketOrder/newest``.
    public var rank: Int64
    public var number: Int64

    static let invalid = RequestError.invalid("invalid_field", "'cursor' is not a cursor this service returned.")

    var text: String {
        order == .newest ? "n\(number)" : "\(order.tag)\(rank).\(number)"
    }

    init(order: TicketOrder, rank: Int64, number: Int64) {
        self.order = order
        self.rank = rank
        self.number = number
    }

    /// Parses a cursor this service returned; anything else is a 400.
    init(parsing text: String) throws {
        guard text.utf8.count <= 40, let tag = text.first,
            let order = TicketOrder.allCases.first(where: { $0.tag == tag })
        else { throw Self.invalid }
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        let expected = order == .newest ? 1 : 2
        guard parts.count == expected, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let number = Int64(parts[expected - 1]), number > 0
        else { throw Self.invalid }
        var rank: Int64 = 0
        if order != .newest {
            guard let parsed = Int64(parts[0]), (0...TicketStore.maximumRank).contains(parsed) else {
                throw Self.invalid
            }
            rank = parsed
        }
        self.init(order: order, rank: rank, number: number)
    }
}
