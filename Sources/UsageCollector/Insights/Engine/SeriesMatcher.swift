/// Which of up to 32 series an event matches: a mask per event name, then each series' own property
/// conditions, evaluated once per distinct `properties` text.
struct SeriesMatcher {
    private var byName: [UInt32]
    private var caches: [PredicateCache?]
    private let conditionalMask: UInt32
    /// Whether some series' conditions depend on the person (cohort filters).
    let dependsOnPerson: Bool

    init(_ series: [EventSeries], names: Interner, textCount: Int, cohorts: CohortMasks = CohortMasks()) {
        var byName = Array(repeating: UInt32(0), count: names.count)
        var conditional: UInt32 = 0
        var caches: [PredicateCache?] = []
        for (index, item) in series.enumerated() {
            let bit = UInt32(1) << UInt32(index)
            if let event = item.event {
                if let id = names.existingID(event) { byName[Int(id)] |= bit }
            } else {
                for id in byName.indices { byName[id] |= bit }
            }
            if item.predicate.isAlways {
                caches.append(nil)
            } else {
                conditional |= bit
                caches.append(PredicateCache(item.predicate, textCount: textCount, cohorts: cohorts))
            }
        }
        self.byName = byName
        self.caches = caches
        self.conditionalMask = conditional
        self.dependsOnPerson = caches.contains { $0?.dependsOnPerson ?? false }
    }

    /// Whether any series matches events of this name at all.
    func mayMatch(event: UInt32) -> Bool { self.byName[Int(event)] != 0 }

    /// True when no series has property conditions: the name alone decides (the fast path).
    var matchesByNameOnly: Bool { self.conditionalMask == 0 }

    /// The series whose event name matches, before property conditions.
    func nameMask(event: UInt32) -> UInt32 { self.byName[Int(event)] }

    /// Bit s set: series s matches the event.
    mutating func mask(event: UInt32, properties: UInt32, person: UInt32, _ lookup: inout PropertyLookup) -> UInt32 {
        var mask = self.byName[Int(event)]
        var pending = mask & self.conditionalMask
        while pending != 0 {
            let index = pending.trailingZeroBitCount
            pending &= pending - 1
            if !self.caches[index]!.matches(properties, person: person, &lookup) {
                mask &= ~(UInt32(1) << UInt32(index))
            }
        }
        return mask
    }
}
