/// The events a funnel looks at, gathered from the columns and laid out person by person in time order.
struct FunnelEvents {
    /// Every gathered event, grouped by person: `events[runs[p]..<runs[p + 1]]` is one person's, by time.
    private(set) var events: [FunnelStepper.Event] = []
    private(set) var runs: [Int] = []
    private(set) var breakdownLabels: BreakdownCache?

    /// Scans `[from, to)` of `columns` for events matching a step or an exclusion (every event, for strict
    /// funnels) that pass the query's property conditions.
    init(_ query: FunnelsQuery, columns: ProjectColumns, from: Int64, to: Int64) {
        let textCount = columns.propertyTexts.count
        var lookup = PropertyLookup(texts: columns.propertyTexts)
        var steps = SeriesMatcher(query.steps, names: columns.eventNames, textCount: textCount)
        var exclusions = SeriesMatcher(query.exclusions.map(\.series), names: columns.eventNames, textCount: textCount)
        let exclusionLevels = query.exclusions.map { exclusion in
            (exclusion.fromStep + 1...exclusion.toStep).reduce(UInt32(0)) { $0 | (1 << UInt32($1)) }
        }
        var global = PredicateCache(query.predicate, textCount: textCount)
        var breakdown = query.breakdown.map { BreakdownCache(property: $0.property, textCount: textCount) }
        let strict = query.order == .strict
        // The common case (no property conditions, no breakdown) decides from the name alone.
        let byNameOnly =
            steps.matchesByNameOnly && exclusions.matchesByNameOnly && global.predicate.isAlways
            && breakdown == nil
        // Reserving every candidate row costs address space only: pages never written are never touched.
        var gathered: [Gathered] = []
        gathered.reserveCapacity(columns.chunks.reduce(0) { $0 + ($1.overlaps(from: from, to: to) ? $1.count : 0) })
        for chunk in columns.chunks where chunk.overlaps(from: from, to: to) {
            let hasDeletions = chunk.deletedCount > 0
            for row in 0..<chunk.count {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= from, timestamp < to else { continue }
                let event = chunk.events[row]
                var stepMask = steps.nameMask(event: event)
                var exclusionMatches = exclusions.nameMask(event: event)
                guard strict || stepMask | exclusionMatches != 0 else { continue }
                if hasDeletions && chunk.isDeleted(row) { continue }
                var label: UInt32 = 0
                if !byNameOnly {
                    let properties = chunk.properties[row]
                    guard global.matches(properties, &lookup) else { continue }
                    stepMask = steps.mask(event: event, properties: properties, &lookup)
                    exclusionMatches = exclusions.mask(event: event, properties: properties, &lookup)
                    label = breakdown?.label(properties, &lookup) ?? 0
                }
                var exclusionMask: UInt32 = 0
                while exclusionMatches != 0 {
                    exclusionMask |= exclusionLevels[exclusionMatches.trailingZeroBitCount]
                    exclusionMatches &= exclusionMatches - 1
                }
                guard strict || stepMask != 0 || exclusionMask != 0 else { continue }
                gathered.append(
                    Gathered(
                        event: FunnelStepper.Event(
                            timestamp: timestamp, id: 0, breakdown: label, steps: stepMask, exclusions: exclusionMask),
                        person: chunk.persons[row], tiebreak: chunk.tiebreaks[row]))
            }
        }
        self.breakdownLabels = breakdown
        self.group(gathered, personCount: columns.persons.count)
    }

    /// One matching row before grouping.
    private struct Gathered {
        var event: FunnelStepper.Event
        var person: UInt32
        var tiebreak: UInt64
    }

    /// A stable counting sort by person that moves the events themselves (so the funnel pass reads them in
    /// order), then each person's run sorted by time, ties by uuid tail, then arrival.
    private mutating func group(_ gathered: [Gathered], personCount: Int) {
        var starts = Array(repeating: 0, count: personCount + 1)
        for row in gathered { starts[Int(row.person) + 1] += 1 }
        for index in 0..<personCount { starts[index + 1] += starts[index] }
        var next = starts
        var groupedTiebreaks = [UInt64](repeating: 0, count: gathered.count)
        // The hot loop of the query: raw pointers, and no copy of the events before they are placed.
        var grouped = [FunnelStepper.Event](unsafeUninitializedCapacity: gathered.count) { grouped, initialized in
            groupedTiebreaks.withUnsafeMutableBufferPointer { groupedTiebreaks in
                next.withUnsafeMutableBufferPointer { next in
                    starts.withUnsafeBufferPointer { starts in
                        gathered.withUnsafeBufferPointer { gathered in
                            for row in gathered {
                                let person = Int(row.person)
                                let position = next[person]
                                next[person] = position + 1
                                var event = row.event
                                event.id = Int32(truncatingIfNeeded: position &- starts[person])
                                (grouped.baseAddress! + position).initialize(to: event)
                                groupedTiebreaks[position] = row.tiebreak
                            }
                        }
                    }
                }
            }
            initialized = gathered.count
        }
        var runs: [Int] = []
        runs.reserveCapacity(personCount + 1)
        for person in 0..<personCount where starts[person + 1] > starts[person] {
            runs.append(starts[person])
            let run = starts[person]..<starts[person + 1]
            var sorted = true
            for position in run.dropFirst() where grouped[position - 1].timestamp >= grouped[position].timestamp {
                if grouped[position - 1].timestamp > grouped[position].timestamp
                    || groupedTiebreaks[position - 1] > groupedTiebreaks[position]
                {
                    sorted = false
                    break
                }
            }
            if !sorted {
                let ordered = run.map { ($0, grouped[$0], groupedTiebreaks[$0]) }.sorted { left, right in
                    if left.1.timestamp != right.1.timestamp { return left.1.timestamp < right.1.timestamp }
                    return left.2 != right.2 ? left.2 < right.2 : left.0 < right.0
                }
                for (offset, entry) in ordered.enumerated() { grouped[run.lowerBound + offset] = entry.1 }
            }
        }
        runs.append(gathered.count)
        self.events = grouped
        self.runs = runs
    }
}
