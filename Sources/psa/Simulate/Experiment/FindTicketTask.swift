/// An agent looking for one ticket through search: they type the first query, read the first `patience`
/// results, open the ticket (`?from=search`) when it is among them, otherwise type the next query; when the
/// queries run out they give up. Whether they find it depends on the PSA's real ranking, never on a coin.
struct FindTicketTask: Sendable, Equatable {
    /// The ticket they look for.
    let target: TicketRef
    /// The queries they are willing to type, in order: a word of its title, then perhaps the whole title.
    let queries: [String]
    /// How many results they read before trying something else (2 to 4).
    let patience: Int

    static let patienceRange = 2...4

    /// The index of `target` among `results` if it is within what they read.
    func position(of target: ServerID, in results: [ServerID]) -> Int? {
        results.prefix(patience).firstIndex(of: target)
    }
}
