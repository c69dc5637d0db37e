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

    init(_ query: FunnelsQuery, columns: ProjectColumns) {
        let textCount = columns.propertyTexts.count
        self.lookup = PropertyLookup(texts: columns.propertyTexts)
        self.steps = SeriesMatcher(query.steps, names: columns.eventNames, textCount: textCount)
        self.exclusions = SeriesMatcher(query.exclusions.map(\.series), names: columns.eventNames, textCount: textCount)
        self.exclusionLevels = query.exclusions.map { exclusion in
            (exclusion.fromStep + 1...exclusion.toStep).reduce(UInt32(0)) { $0 | (1 << UInt32($1)) }
        }
        self.global = PredicateCache(query.predicate, textCount: textCount)
        self.breakdown = query.breakdown.map { BreakdownCache(property: $0.property, textCount: textCount) }
        self.strict = query.order == .strict
        self.byNameOnly =
            self.steps.matchesByNameOnly && self.exclusions.matchesByNameOnly
            && query.predicate.isAlways && query.breakdown == nil
    }

    /// Calls `body(person, event)` for each row of `[from, to)` the funnel reads, in column order; the event's
    /// id is its row in the project's columns.
    mutating func scan(
        _ columns: ProjectColumns, from: Int64, to: Int64, _ body: (UInt32, FunnelStepper.Event) -> Void
    ) {
        // Strict funnels read every event; others only events named by a step or an exclusion.
        let readable = (0..<columns.eventNames.count).map { name in
            self.strict ? 1 : self.steps.nameMask(event: UInt32(name)) | self.exclusions.nameMask(event: UInt32(name))
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
                var stepMask = self.steps.nameMask(event: event)
                var exclusionMatches = self.exclusions.nameMask(event: event)
                var label: UInt32 = 0
                if !self.byNameOnly {
                    let properties = chunk.properties[row]
                    guard self.global.matches(properties, &self.lookup) else { continue }
                    stepMask = self.steps.mask(event: event, properties: properties, &self.lookup)
                    exclusionMatches = self.exclusions.mask(event: event, properties: properties, &self.lookup)
                    label = self.breakdown?.label(properties, &self.lookup) ?? 0
                }
                var exclusionMask: UInt32 = 0
                while exclusionMatches != 0 {
                    exclusionMask |= self.exclusionLevels[exclusionMatches.trailingZeroBitCount]
                    exclusionMatches &= exclusionMatches - 1
                }
                guard self.strict || stepMask != 0 || exclusionMask != 0 else { continue }
                body(
                    chunk.persons[row],
                    FunnelStepper.Event(
                        timestamp: timestamp, id: firstRow + UInt32(truncatingIfNeeded: row), breakdown: label,
                        steps: stepMask, exclusions: exclusionMask))
            }
        }
    }
}
