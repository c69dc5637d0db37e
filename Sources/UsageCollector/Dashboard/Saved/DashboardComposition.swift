import Foundation

/// The tiles of a dashboard being composed on the saved page: the ticked insights (`tile-{id}`), ordered by their
/// optional positions (`position-{id}`), unnumbered ones after the numbered in the order they are listed.
enum DashboardComposition {
    /// The chosen tiles in order; `listed` are the project's saved insights as the page lists them. Ticks of
    /// ids that are not listed (another project's, or made up) are ignored.
    static func tiles(from fields: [String: String], listed: [Int64]) throws(LibraryError) -> [Int64] {
        var chosen: [(position: Int, offset: Int, id: Int64)] = []
        for (offset, id) in listed.enumerated() where fields["tile-\(id)"] != nil {
            let text = fields["position-\(id)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let position = Int(text)
            guard text.isEmpty || position.map((1...LibraryError.maximumTiles).contains) == true else {
                throw LibraryError(
                    description: "A tile position is a whole number from 1 to \(LibraryError.maximumTiles).")
            }
            chosen.append((position ?? Int.max, offset, id))
        }
        guard !chosen.isEmpty else { throw LibraryError(description: "Tick at least one saved insight.") }
        guard chosen.count <= LibraryError.maximumTiles else {
            throw LibraryError(description: "A dashboard has at most \(LibraryError.maximumTiles) tiles.")
        }
        return chosen.sorted { ($0.position, $0.offset) < ($1.position, $1.offset) }.map(\.id)
    }
}
