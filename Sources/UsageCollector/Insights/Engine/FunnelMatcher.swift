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

    /// Calls `body(person, event, tiebreak)` for each row of `[from, to)` the funnel reads, in column order.
    mutating func scan(
        _ columns: ProjectColumns, from: Int64, to: Int64,
        _ body: (UInt32, FunnelStepper.Event, UInt64) -> Void
    ) {
        for chunk in columns.chunks where chunk.overlaps(from: from, to: to) {
            let hasDeletions = chunk.deletedCount > 0
            for row in 0..<chunk.count {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= from, timestamp < to else { continue }
                let event = chunk.events[row]
                var stepMask = self.steps.nameMask(event: event)
                var exclusionMatches = self.exclusions.nameMask(event: event)
                guard self.strict || stepMask | exclusionMatches != 0 else { continue }
                if hasDeletions && chunk.isDeleted(row) { continue }
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
                        timestamp: timestamp, id: 0, breakdown: label, steps: stepMask, exclusions: exclusionMask),
                    chunk.tiebreaks[row])
            }
        }
    }
}
