/// A set of one project's persons (ids of ``ProjectColumns/persons``), one bit each: a cohort's members as
/// the engine sees them.
struct PersonMask: Sendable, Equatable {
    private(set) var words: [UInt64]

    /// An empty set over `personCount` ids.
    init(personCount: Int) {
        self.words = Array(repeating: 0, count: (personCount + 63) / 64)
    }

    /// Whether `person` is a member; ids past the set's size (persons seen after it was computed) are not.
    func contains(_ person: UInt32) -> Bool {
        let word = Int(person >> 6)
        return word < self.words.count && self.words[word] & (UInt64(1) << UInt64(person & 63)) != 0
    }

    mutating func insert(_ person: UInt32) {
        self.words[Int(person >> 6)] |= UInt64(1) << UInt64(person & 63)
    }

    /// How many members.
    var count: Int { self.words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The members in ascending id order.
    var members: [UInt32] {
        var members: [UInt32] = []
        for (index, word) in self.words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                members.append(UInt32(index * 64 + remaining.trailingZeroBitCount))
                remaining &= remaining - 1
            }
        }
        return members
    }
}

/// The cohorts a query refers to, resolved to member sets over the columns it runs on, with their names
/// for breakdown labels.
struct CohortMasks: Sendable {
    var masks: [Int: PersonMask] = [:]
    var names: [Int: String] = [:]

    /// Whether `person` belongs to `cohort`; a cohort that was not resolved has no members.
    func contains(_ person: UInt32, in cohort: Int) -> Bool {
        self.masks[cohort]?.contains(person) ?? false
    }
}
