/// A set of person ids that counts its members: a bitset while memory allows, else a hash set.
struct PersonSet {
    private var bits: [UInt64] = []
    private var members: Set<UInt32> = []
    private(set) var count = 0

    /// A bitset over `personCount` ids when `useBits`, else a hash set.
    init(personCount: Int, useBits: Bool) {
        if useBits { self.bits = Array(repeating: 0, count: (personCount + 63) / 64) }
    }

    var wordCount: Int { self.bits.count }

    mutating func insert(_ person: UInt32) {
        if self.bits.isEmpty {
            if self.members.insert(person).inserted { self.count += 1 }
            return
        }
        let word = Int(person >> 6)
        let bit = UInt64(1) << UInt64(person & 63)
        if self.bits[word] & bit == 0 {
            self.bits[word] |= bit
            self.count += 1
        }
    }

    mutating func formUnion(_ other: PersonSet) {
        if !other.bits.isEmpty {
            for (word, value) in other.bits.enumerated() where value != 0 {
                var remaining = value
                while remaining != 0 {
                    self.insert(UInt32(word * 64 + remaining.trailingZeroBitCount))
                    remaining &= remaining - 1
                }
            }
        } else {
            for person in other.members { self.insert(person) }
        }
    }
}
