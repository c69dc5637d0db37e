/// The events a funnel looks at, gathered from the columns and grouped by person in time order.
struct FunnelEvents {
    var persons: [UInt32] = []
    var events: [FunnelStepper.Event] = []
    var tiebreaks: [UInt64] = []
    /// `order[runs[p]..<runs[p + 1]]` are the indexes into `events` of one person, sorted by time.
    var order: [Int32] = []
    var runs: [Int] = []
    var breakdownLabels: BreakdownCache?

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
        for chunk in columns.chunks where chunk.overlaps(from: from, to: to) {
            for row in 0..<chunk.count {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= from, timestamp < to else { continue }
                let event = chunk.events[row]
                guard strict || steps.mayMatch(event: event) || exclusions.mayMatch(event: event) else { continue }
                guard !chunk.isDeleted(row) else { continue }
                let properties = chunk.properties[row]
                guard global.matches(properties, &lookup) else { continue }
                let stepMask = steps.mask(event: event, properties: properties, &lookup)
                var exclusionMask: UInt32 = 0
                var matched = exclusions.mask(event: event, properties: properties, &lookup)
                while matched != 0 {
                    exclusionMask |= exclusionLevels[matched.trailingZeroBitCount]
                    matched &= matched - 1
                }
                guard strict || stepMask != 0 || exclusionMask != 0 else { continue }
                self.persons.append(chunk.persons[row])
                self.tiebreaks.append(chunk.tiebreaks[row])
                self.events.append(
                    FunnelStepper.Event(
                        timestamp: timestamp,
                        id: 0,
                        breakdown: breakdown?.label(properties, &lookup) ?? 0,
                        steps: stepMask,
                        exclusions: exclusionMask
                    )
                )
            }
        }
        self.breakdownLabels = breakdown
        self.groupByPerson(personCount: columns.persons.count)
    }

    /// A stable counting sort by person, then each person's events by time, ties by uuid tail, then arrival.
    private mutating func groupByPerson(personCount: Int) {
        var starts = Array(repeating: 0, count: personCount + 1)
        for person in self.persons { starts[Int(person) + 1] += 1 }
        for index in 0..<personCount { starts[index + 1] += starts[index] }
        var next = starts
        self.order = Array(repeating: 0, count: self.persons.count)
        for (index, person) in self.persons.enumerated() {
            self.order[next[Int(person)]] = Int32(index)
            next[Int(person)] += 1
        }
        self.runs = []
        for person in 0..<personCount where starts[person + 1] > starts[person] {
            self.runs.append(starts[person])
            let run = starts[person]..<starts[person + 1]
            let events = self.events
            let tiebreaks = self.tiebreaks
            func precedes(_ left: Int32, _ right: Int32) -> Bool {
                let a = events[Int(left)].timestamp
                let b = events[Int(right)].timestamp
                if a != b { return a < b }
                let x = tiebreaks[Int(left)]
                let y = tiebreaks[Int(right)]
                return x != y ? x < y : left < right
            }
            var sorted = true
            for position in run.dropFirst() where !precedes(self.order[position - 1], self.order[position]) {
                sorted = false
                break
            }
            if !sorted { self.order[run].sort(by: precedes) }
        }
        self.runs.append(self.persons.count)
    }
}
