import Hummingbird

/// `offset` and `limit` of the members listing, validated.
struct CohortPage: Sendable {
    let offset: Int
    let limit: Int

    init(_ parameters: Parameters) throws(InsightQueryError) {
        self.offset =
            try Self.number(parameters["offset"], name: "offset", range: 0...CohortAdminController.maxOffset)
            ?? 0
        self.limit =
            try Self.number(parameters["limit"], name: "limit", range: 1...CohortAdminController.maxPageSize)
            ?? CohortAdminController.defaultPageSize
    }

    /// The path and query of the page after this one.
    func next(_ path: String) -> String { "\(path)?offset=\(self.offset + self.limit)&limit=\(self.limit)" }

    private static func number(
        _ text: Substring?, name: String, range: ClosedRange<Int>
    ) throws(InsightQueryError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw InsightQueryError(name, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
