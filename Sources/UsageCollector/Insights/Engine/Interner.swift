/// Gives each distinct string a dense 32-bit id, so columns hold integers instead of text.
struct Interner: Sendable {
    private(set) var ids: [String: UInt32] = [:]
    private(set) var values: [String] = []

    /// The id of `value`, assigned on first sight.
    mutating func id(_ value: String) -> UInt32 {
        if let id = self.ids[value] { return id }
        let id = UInt32(self.values.count)
        self.ids[value] = id
        self.values.append(value)
        return id
    }

    func existingID(_ value: String) -> UInt32? { self.ids[value] }

    var count: Int { self.values.count }

    subscript(id: UInt32) -> String { self.values[Int(id)] }
}
