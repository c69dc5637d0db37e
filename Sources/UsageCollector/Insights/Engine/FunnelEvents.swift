/// The events a funnel looks at, gathered from the columns and laid out person by person in time order.
struct FunnelEvents {
    /// Every gathered event, grouped by person: `events[runs[p]..<runs[p + 1]]` is one person's, by time.
    private(set) var events: [FunnelStepper.Event] = []
    private(set) var runs: [Int] = []
    private(set) var breakdownLabels: BreakdownCache?

    /// Scans `[from, to)` of `columns` for events matching a step or an exclusion (every event, for strict
    /// funnels) that pass the query's property conditions, in two passes: the first counts each person's
    /// events, the second writes each event straight to its place (no intermediate copy of the matches).
    init(_ query: FunnelsQuery, columns: ProjectColumns, from: Int64, to: Int64) {
        var matcher = FunnelMatcher(query, columns: columns)
        let personCount = columns.persons.count
        var starts = Array(repeating: 0, count: personCount + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            matcher.scan(columns, from: from, to: to) { person, _, _ in starts[Int(person) + 1] += 1 }
        }
        for index in 0..<personCount { starts[index + 1] += starts[index] }
        let total = starts[personCount]
        var next = starts
        // Both arrays are left uninitialized: the second scan writes every position exactly once.
        var tiebreaks = [UInt64](unsafeUninitializedCapacity: total) { _, initialized in initialized = total }
        var grouped = [FunnelStepper.Event](unsafeUninitializedCapacity: total) { grouped, initialized in
            tiebreaks.withUnsafeMutableBufferPointer { tiebreaks in
                next.withUnsafeMutableBufferPointer { next in
                    starts.withUnsafeBufferPointer { starts in
                        matcher.scan(columns, from: from, to: to) { person, event, tiebreak in
                            let person = Int(person)
                            let position = next[person]
                            next[person] = position + 1
                            var placed = event
                            placed.id = Int32(truncatingIfNeeded: position &- starts[person])
                            (grouped.baseAddress! + position).initialize(to: placed)
                            tiebreaks[position] = tiebreak
                        }
                    }
                }
            }
            initialized = total
        }
        // Both scans read the same immutable columns, so each person's run is exactly filled.
        assert(zip(next.dropLast(), starts.dropFirst()).allSatisfy { $0 == $1 })
        self.breakdownLabels = matcher.breakdown
        self.runs = Self.sortRuns(&grouped, tiebreaks: tiebreaks, starts: starts)
        // Assigned only now: while the runs are sorted, the array has a single owner and is not copied.
        self.events = grouped
    }

    /// Sorts each person's run by time, ties by uuid tail, then arrival (the counting sort kept arrival order).
    /// - Returns: the start of each non-empty run, then the end of the last.
    private static func sortRuns(_ grouped: inout [FunnelStepper.Event], tiebreaks: [UInt64], starts: [Int]) -> [Int] {
        var runs: [Int] = []
        runs.reserveCapacity(starts.count)
        for person in 0..<(starts.count - 1) where starts[person + 1] > starts[person] {
            runs.append(starts[person])
            let run = starts[person]..<starts[person + 1]
            var sorted = true
            for position in run.dropFirst() where grouped[position - 1].timestamp >= grouped[position].timestamp {
                if grouped[position - 1].timestamp > grouped[position].timestamp
                    || tiebreaks[position - 1] > tiebreaks[position]
                {
                    sorted = false
                    break
                }
            }
            if !sorted {
                let ordered = run.map { ($0, grouped[$0], tiebreaks[$0]) }.sorted { left, right in
                    if left.1.timestamp != right.1.timestamp { return left.1.timestamp < right.1.timestamp }
                    return left.2 != right.2 ? left.2 < right.2 : left.0 < right.0
                }
                for (offset, entry) in ordered.enumerated() { grouped[run.lowerBound + offset] = entry.1 }
            }
        }
        runs.append(starts.last ?? 0)
        return runs
    }
}
