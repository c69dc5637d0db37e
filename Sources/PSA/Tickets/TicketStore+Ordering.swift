import UsageAnalytics

/// The SQL of each ``TicketOrder``: a rank expression (the lower, the earlier), its `ORDER BY`, and the
/// keyset condition that continues after a cursor. Written once for both engines.
extension TicketStore {
    /// The highest rank any order gives (relevance's description-only tier).
    static let maximumRank: Int64 = 5

    /// The rank of a row under `order` for the query `text`; `nil` when the order has no rank (newest).
    static func rankExpression(_ order: TicketOrder, text: String?) -> SQLStatement? {
        switch order {
        case .newest:
            return nil
        case .priority:
            var expression: SQLStatement = "(CASE priority"
            for priority in [TicketPriority.urgent, .high, .medium] {
                expression += " WHEN \(priority.rawValue) THEN \(TicketOrder.rank(of: priority))"
            }
            expression += " ELSE \(TicketOrder.rank(of: .low)) END)"
            return expression
        case .relevance:
            let folded = Ticket.fold(text ?? "")
            let escaped = escapeLike(folded)
            // Tiers: the number the query names, the whole title, a whole word of the title, a word's prefix,
            // anywhere in the title, and the rest (the description matched).
            var expression: SQLStatement = "(CASE"
            expression += " WHEN number = \(text.flatMap(ticketNumber(in:)) ?? 0) THEN 0"
            expression += " WHEN title_text = \(folded) THEN 1"
            expression += " WHEN (' ' || title_text || ' ') LIKE \("% " + escaped + " %") ESCAPE '\\' THEN 2"
            expression += " WHEN (' ' || title_text) LIKE \("% " + escaped + "%") ESCAPE '\\' THEN 3"
            expression += " WHEN title_text LIKE \("%" + escaped + "%") ESCAPE '\\' THEN 4"
            expression += " ELSE \(maximumRank) END)"
            return expression
        }
    }

    /// The `ORDER BY` of `order`; ties on rank are broken by number, so the order is total.
    static func orderBy(_ order: TicketOrder) -> SQLStatement {
        switch order {
        case .newest: "number DESC"
        case .priority: "sort_rank, number"
        case .relevance: "sort_rank, number DESC"
        }
    }

    /// ` AND …`: the rows after `cursor` in its order.
    static func continuation(after cursor: SearchCursor, rank: SQLStatement?) -> SQLStatement {
        guard let rank, cursor.order != .newest else { return " AND number < \(cursor.number)" }
        let numberAfter: SQLStatement =
            cursor.order == .priority ? "number > \(cursor.number)" : "number < \(cursor.number)"
        var condition: SQLStatement = " AND ("
        condition += rank
        condition += " > \(cursor.rank) OR ("
        condition += rank
        condition += " = \(cursor.rank) AND "
        condition += numberAfter
        condition += "))"
        return condition
    }
}
