/// A gathered event as the person sort moves it: its time, its row, and what it is to the funnel (an index into
/// the matcher's kinds). 16 bytes, so that placing one touches a single cache line.
struct GatheredEvent {
    var timestamp: Int64
    var id: UInt32
    var kind: UInt32
}

/// The events a funnel looks at, gathered from the columns and laid out person by person in time order.
final class FunnelEvents {
    /// Every gathered event, grouped by person: `storage[runs[p]..<runs[p + 1]]` is one person's, by time.
    private let storage: ScratchBuffer<GatheredEvent>
    private let runs: [Int]
    private let kinds: [FunnelStepper.Event]
    private(set) var breakdownLabels: BreakdownCache?

    /// Scans `[from, to)` of `columns` for events matching a step or an exclusion (every event, for strict
    /// funnels) that pass the query's property conditions, in two passes: the first counts each person's
    /// events, the second writes each event straight to its place (a counting sort with no intermediate copy).
    init(_ query: FunnelsQuery, columns: ProjectColumns, cohorts: CohortMasks, from: Int64, to: Int64) {
        var matcher = FunnelMatcher(query, columns: columns, cohorts: cohorts)
        let personCount = columns.persons.count
        var starts = [Int](repeating: 0, count: personCount + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            matcher.scan(columns, from: from, to: to) { person, _ in starts[Int(person) + 1] += 1 }
        }
        for index in 0..<personCount { starts[index + 1] += starts[index] }
        let storage = ScratchBuffer<GatheredEvent>(count: starts[personCount])
        var next = starts
        let grouped = storage.pointer
        next.withUnsafeMutableBufferPointer { next in
            matcher.scan(columns, from: from, to: to) { person, event in
                let person = Int(person)
                (grouped + next[person]).initialize(to: event)
                next[person] += 1
            }
        }
        // Both scans read the same immutable columns, so each person's run is exactly filled.
        assert(zip(next.dropLast(), starts.dropFirst()).allSatisfy { $0 == $1 })
        self.runs = Self.sortRuns(storage.buffer, starts: starts, columns: columns)
        self.storage = storage
        self.breakdownLabels = matcher.breakdown
        self.kinds = matcher.kinds
    }

    /// Calls `body` with each person's events in time order (one reused buffer, valid for the call).
    func forEachPerson(_ body: (UnsafeBufferPointer<FunnelStepper.Event>) -> Void) {
        var expanded: [FunnelStepper.Event] = []
        withExtendedLifetime(self) {
            for person in 0..<(self.runs.count - 1) {
                expanded.removeAll(keepingCapacity: true)
                for gathered in self.storage.buffer[self.runs[person]..<self.runs[person + 1]] {
                    var event = self.kinds[Int(gathered.kind)]
                    event.timestamp = gathered.timestamp
                    event.id = gathered.id
                    expanded.append(event)
                }
                expanded.withUnsafeBufferPointer(body)
            }
        }
    }

    /// Sorts each person's run by time, ties by uuid tail, then by row (commit order).
    /// - Returns: the start of each non-empty run, then the end of the last.
    private static func sortRuns(
        _ grouped: UnsafeMutableBufferPointer<GatheredEvent>, starts: [Int], columns: ProjectColumns
    ) -> [Int] {
        func key(_ event: GatheredEvent) -> (Int64, UInt64, UInt32) {
            (event.timestamp, columns.tiebreak(row: event.id), event.id)
        }
        var runs: [Int] = []
        runs.reserveCapacity(starts.count)
        for person in 0..<(starts.count - 1) where starts[person + 1] > starts[person] {
            runs.append(starts[person])
            let run = starts[person]..<starts[person + 1]
            // Rows arrive in commit order, mostly already in time order: look up tie-breaks only on ties.
            var sorted = true
            for position in run.dropFirst() where grouped[position - 1].timestamp >= grouped[position].timestamp {
                if key(grouped[position - 1]) > key(grouped[position]) {
                    sorted = false
                    break
                }
            }
            if !sorted {
                let ordered = grouped[run].sorted { key($0) < key($1) }
                for (offset, event) in ordered.enumerated() { grouped[run.lowerBound + offset] = event }
            }
        }
        runs.append(starts.last ?? 0)
        return runs
    }
}
