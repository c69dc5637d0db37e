/// One change to a dashboard's tiles, as its arrange page posts it: move a tile up or down, remove it, or add a
/// saved insight at the end. A tile is named by its position and its insight, so a form from a page loaded before
/// another change is refused instead of moving the wrong tile.
struct TileEdit: Sendable, Equatable {
    enum Action: String, Sendable {
        case up, down, remove, add
    }

    let action: Action
    /// The tile's position (from 0); unused when adding.
    let index: Int?
    let insightID: Int64

    /// Reads the form's `action`, `index` and `insight` fields.
    static func parse(_ fields: [String: String]) throws(LibraryError) -> TileEdit {
        guard let action = fields["action"].flatMap(Action.init(rawValue:)) else {
            throw LibraryError(description: "The form must say up, down, remove or add.")
        }
        guard let insight = fields["insight"].flatMap({ Int64($0) }) else {
            throw LibraryError(description: "The form did not name a saved insight.")
        }
        let index = fields["index"].flatMap { Int($0) }
        guard action == .add || index != nil else {
            throw LibraryError(description: "The form did not name a tile.")
        }
        return TileEdit(action: action, index: index, insightID: insight)
    }

    /// The tiles after this change; `known` are the project's saved insights.
    func apply(to tiles: [Int64], known: Set<Int64>) throws(LibraryError) -> [Int64] {
        var tiles = tiles
        if self.action == .add {
            guard known.contains(self.insightID) else { throw LibraryError(description: "There is no such insight.") }
            guard !tiles.contains(self.insightID) else {
                throw LibraryError(description: "That insight is already a tile of this dashboard.")
            }
            guard tiles.count < LibraryError.maximumTiles else {
                throw LibraryError(description: "A dashboard has at most \(LibraryError.maximumTiles) tiles.")
            }
            return tiles + [self.insightID]
        }
        guard let index = self.index, tiles.indices.contains(index), tiles[index] == self.insightID else {
            throw LibraryError(description: "The dashboard changed since its page was loaded; here it is as it is now.")
        }
        if self.action == .remove {
            tiles.remove(at: index)
            return tiles
        }
        let other = self.action == .up ? index - 1 : index + 1
        guard tiles.indices.contains(other) else {
            throw LibraryError(description: "That tile is already the \(self.action == .up ? "first" : "last").")
        }
        tiles.swapAt(index, other)
        return tiles
    }
}
