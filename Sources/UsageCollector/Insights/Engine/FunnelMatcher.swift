/// Decides which rows a funnel reads and what each one is to it: the steps it matches, the chains it
/// would break as an exclusion, and its breakdown value.
struct FunnelMatcher {
    private var lookup: PropertyLookup
    private var steps: SeriesMatcher
    private var exclusions: SeriesMatcher
    private let exclusionLevels: [UInt32]
    private var global: PredicateCache
    private(set) var breakdown: BreakdownCache?
    private let strict: Bool
    /// No property conditions and no breakdown: the event name alone decides.
    private let byNameOnly: Bool
    /// Some condition is a cohort filter: an event's kind depends on its person too, so it is not cached per text.
    private let dependsOnPerson: Bool

    /// What an event can be to the funnel: its steps, exclusions and breakdown label (time and id left 0).
    /// Gathered events refer to these by index, which keeps them small.
    private(set) var kinds: [FunnelStepper.Event] = []
    private var kindIDs: [Kind: UInt32] = [:]
    /// The kind of each event name, when the name alone decides.
    private var kindOfName: [UInt32] = []
    /// Per distinct `properties` text: the event name whose kind was last worked out with it, and that kind.
    private var cachedName: [UInt32]
    private var cachedKind: [UInt32]

    private struct Kind: Hashable {
        var steps: UInt32
        var exclusions: UInt32
        var breakdown: UInt32
    }

    /// The kind of an event the funnel does not read.
    static let unread = UInt32.max

    init(_ query: FunnelsQuery, columns: ProjectColumns, cohorts: CohortMasks) {
        let textCount = columns.propertyTexts.count
        self.lookup = PropertyLookup(texts: columns.propertyTexts)
        self.steps = SeriesMatcher(query.steps, names: columns.eventNames, textCount: textCount, cohorts: cohorts)
        self.exclusions = SeriesMatcher(
            query.exclusions.map(\.series), names: columns.eventNames, textCount: textCount, cohorts: cohorts)
        self.exclusionLevels = query.exclusions.map { exclusion in
            (exclusion.fromStep + 1...exclusion.toStep).reduce(UInt32(0)) { $0 | (1 << UInt32($1)) }
        }
        self.global = PredicateCache(query.predicate, textCount: textCount, cohorts: cohorts)
        self.dependsOnPerson =
            self.global.dependsOnPerson || self.steps.dependsOnPerson || self.exclusions.dependsOnPerson
        self.breakdown = query.breakdown.map { BreakdownCache(property: $0.property, textCount: textCount) }
        self.strict = query.order == .strict
        self.byNameOnly =
            self.steps.matchesByNameOnly && self.exclusions.matchesByNameOnly
            && query.predicate.isAlways && query.breakdown == nil
        self.cachedName = self.byNameOnly ? [] : Array(repeating: Self.unread, count: textCount)
        self.cachedKind = self.byNameOnly ? [] : Array(repeating: Self.unread, count: textCount)
        if self.byNameOnly {
            self.kindOfName = (0..<UInt32(columns.eventNames.count)).map { name in
                self.kindID(
                    steps: self.steps.nameMask(event: name), exclusionMatches: self.exclusions.nameMask(event: name),
                    label: 0)
            }
        }
    }

    /// The kind of an event matching `steps` and the exclusions `exclusionMatches`, or ``unread``.
    private mutating func kindID(steps: UInt32, exclusionMatches: UInt32, label: UInt32) -> UInt32 {
        var exclusionMask: UInt32 = 0
        var remaining = exclusionMatches
        while remaining != 0 {
            exclusionMask |= self.exclusionLevels[remaining.trailingZeroBitCount]
            remaining &= remaining - 1
        }
        guard self.strict || steps != 0 || exclusionMask != 0 else { return Self.unread }
        let kind = Kind(steps: steps, exclusions: exclusionMask, breakdown: label)
        if let id = self.kindIDs[kind] { return id }
        let id = UInt32(self.kinds.count)
        self.kinds.append(
            FunnelStepper.Event(timestamp: 0, id: 0, breakdown: label, steps: steps, exclusions: exclusionMask))
        self.kindIDs[kind] = id
        return id
    }

    /// The kind of an event named `event` with the `properties` text, worked out once per text and name.
    private mutating func kind(event: UInt32, properties: UInt32, person: UInt32) -> UInt32 {
        if !self.dependsOnPerson && self.cachedName[Int(properties)] == event {
            return self.cachedKind[Int(properties)]
        }
        var kind = Self.unread
        if self.global.matches(properties, person: person, &self.lookup) {
            kind = self.kindID(
                steps: self.steps.mask(event: event, properties: properties, person: person, &self.lookup),
                exclusionMatches: self.exclusions.mask(
                    event: event, properties: properties, person: person, &self.lookup),
                label: self.breakdown?.label(properties, &self.lookup) ?? 0)
        }
        self.cachedName[Int(properties)] = event
        self.cachedKind[Int(properties)] = kind
        return kind
    }

    /// Calls `body(person, event)` for each row of `[from, to)` the funnel reads, in column order; the event's
    /// id is its row in the project's columns, its kind an index into ``kinds``.
    mutating func scan(
        _ columns: ProjectColumns, from: Int64, to: Int64, _ body: (UInt32, GatheredEvent) -> Void
    ) {
        // Strict funnels read every event; others only events named by a step or an exclusion.
        let readable = (0..<columns.eventNames.count).map { name -> UInt8 in
            let mask = self.steps.nameMask(event: UInt32(name)) | self.exclusions.nameMask(event: UInt32(name))
            return self.strict || mask != 0 ? 1 : 0
        }
        let candidates = UnsafeMutablePointer<Int32>.allocate(capacity: ColumnChunk.capacity)
        defer { candidates.deallocate() }
        for (index, chunk) in columns.chunks.enumerated() where chunk.overlaps(from: from, to: to) {
            let firstRow = UInt32(truncatingIfNeeded: index * ColumnChunk.capacity)
            let hasDeletions = chunk.deletedCount > 0
            let count = readable.withUnsafeBufferPointer { chunk.rows(named: $0, into: candidates) }
            for candidate in 0..<count {
                let row = Int(candidates[candidate])
                let timestamp = chunk.timestamps[row]
                guard timestamp >= from, timestamp < to else { continue }
                if hasDeletions && chunk.isDeleted(row) { continue }
                let event = chunk.events[row]
                let kind =
                    self.byNameOnly
                    ? self.kindOfName[Int(event)]
                    : self.kind(event: event, properties: chunk.properties[row], person: chunk.persons[row])
                guard kind != Self.unread else { continue }
                body(
                    chunk.persons[row],
                    GatheredEvent(timestamp: timestamp, id: firstRow + UInt32(truncatingIfNeeded: row), kind: kind))
            }
        }
    }
}
