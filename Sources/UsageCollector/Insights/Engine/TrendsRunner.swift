/// Runs a ``TrendsQuery`` over a project's columns: one pass over the range into per-series,
/// per-breakdown-value accumulators.
struct TrendsRunner {
    /// Budget of bitset words for unique-user counting before falling back to hash sets (256 MB).
    static let bitsetWordBudget = 32 << 20

    let query: TrendsQuery
    /// Members of the cohorts the query's filters refer to.
    var cohorts = CohortMasks()

    struct SeriesResult {
        var series: Int
        var label: String?
        var data: [Double]
    }

    /// Aggregates `[from, to)` into `buckets`; the result is ordered by series, then breakdown rank.
    func aggregate(columns: ProjectColumns, buckets: TrendBuckets) -> [SeriesResult] {
        let series = self.query.series
        let textCount = columns.propertyTexts.count
        let personCount = columns.persons.count
        var lookup = PropertyLookup(texts: columns.propertyTexts)
        var matcher = SeriesMatcher(series, names: columns.eventNames, textCount: textCount, cohorts: self.cohorts)
        var global = PredicateCache(self.query.predicate, textCount: textCount, cohorts: self.cohorts)
        var breakdown = self.query.breakdown.map { BreakdownCache(property: $0.property, textCount: textCount) }
        var numbers = series.map { item -> NumberCache? in
            guard case .property = item.math, let property = item.mathProperty else { return nil }
            return NumberCache(property: property, textCount: textCount)
        }
        let windows: [Int64?] = series.map { item in
            switch item.math {
            case .weeklyActive: 7 * UTCCalendar.microsecondsPerDay
            case .monthlyActive: 30 * UTCCalendar.microsecondsPerDay
            default: nil
            }
        }
        let lookback = windows.compactMap { $0 }.max().map { buckets.end(of: 0) - $0 } ?? Int64.max
        let scanFrom = min(buckets.starts.first ?? buckets.end, lookback)
        // Accumulators live in one flat list of slots (one per series and breakdown value that occurs), each
        // slot a run of `bucketCount` cells: one array access per event instead of a chain of nested ones.
        let bucketCount = buckets.count
        var slotOfLabel: [[Int32]] = Array(repeating: [], count: series.count)
        var slotKeys: [(series: Int, label: UInt32)] = []
        var counts: [Int] = []
        var people: [PersonSet] = []
        var values: [[Double]] = []
        var bitsetWords = 0
        // Without property conditions, breakdown or property math, the event name alone decides.
        let byNameOnly =
            matcher.matchesByNameOnly && global.predicate.isAlways && breakdown == nil
            && numbers.allSatisfy { $0 == nil }
        let maths = series.map(\.math)
        let named = (0..<columns.eventNames.count).map { matcher.nameMask(event: UInt32($0)) }
        let wanted = named.map { UInt8($0 != 0 ? 1 : 0) }
        let candidates = UnsafeMutablePointer<Int32>.allocate(capacity: ColumnChunk.capacity)
        defer { candidates.deallocate() }
        for chunk in columns.chunks where chunk.overlaps(from: scanFrom, to: buckets.end) {
            let hasDeletions = chunk.deletedCount > 0
            let count = wanted.withUnsafeBufferPointer { chunk.rows(named: $0, into: candidates) }
            for candidate in 0..<count {
                let row = Int(candidates[candidate])
                let timestamp = chunk.timestamps[row]
                guard timestamp >= scanFrom, timestamp < buckets.end else { continue }
                let event = chunk.events[row]
                var mask = named[Int(event)]
                if hasDeletions && chunk.isDeleted(row) { continue }
                let properties = chunk.properties[row]
                var label: UInt32 = 0
                if !byNameOnly {
                    let person = chunk.persons[row]
                    guard global.matches(properties, person: person, &lookup) else { continue }
                    mask = matcher.mask(event: event, properties: properties, person: person, &lookup)
                    guard mask != 0 else { continue }
                    label = breakdown?.label(properties, &lookup) ?? 0
                }
                let bucket = buckets.index(of: timestamp)
                while mask != 0 {
                    let index = mask.trailingZeroBitCount
                    mask &= mask - 1
                    if windows[index] == nil && bucket == nil { continue }
                    let labelIndex = Int(label)
                    if slotOfLabel[index].count <= labelIndex {
                        slotOfLabel[index] += repeatElement(-1, count: labelIndex + 1 - slotOfLabel[index].count)
                    }
                    var slot = Int(slotOfLabel[index][labelIndex])
                    if slot < 0 {
                        slot = slotKeys.count
                        slotOfLabel[index][labelIndex] = Int32(slot)
                        slotKeys.append((index, label))
                        counts += repeatElement(0, count: bucketCount)
                        values += repeatElement([], count: bucketCount)
                        switch maths[index] {
                        case .dau, .weeklyActive, .monthlyActive:
                            let useBits = bitsetWords < Self.bitsetWordBudget
                            for _ in 0..<bucketCount {
                                people.append(PersonSet(personCount: personCount, useBits: useBits))
                                bitsetWords += people[people.count - 1].wordCount
                            }
                        default:
                            people += repeatElement(PersonSet(personCount: 0, useBits: false), count: bucketCount)
                        }
                    }
                    let base = slot * bucketCount
                    let person = chunk.persons[row]
                    switch maths[index] {
                    case .total:
                        counts[base + bucket!] += 1
                    case .dau:
                        people[base + bucket!].insert(person)
                    case .weeklyActive, .monthlyActive:
                        let window = windows[index]!
                        var target = buckets.firstEnding(after: timestamp)
                        while target < bucketCount && buckets.end(of: target) <= timestamp + window {
                            people[base + target].insert(person)
                            target += 1
                        }
                    case .property:
                        guard let value = numbers[index]?.number(properties, &lookup) else { continue }
                        values[base + bucket!].append(value)
                    }
                }
            }
        }
        var accumulators: [[TrendAccumulator?]] = slotOfLabel.map { Array(repeating: nil, count: $0.count) }
        for (slot, key) in slotKeys.enumerated() {
            let cells = (slot * bucketCount)..<((slot + 1) * bucketCount)
            accumulators[key.series][Int(key.label)] = TrendAccumulator(
                counts: Array(counts[cells]), people: Array(people[cells]), values: Array(values[cells]))
        }
        return self.rank(accumulators, labels: breakdown?.labels, bucketCount: buckets.count)
    }

    /// Keeps the `breakdown_limit` values with the largest totals per series and folds the rest into
    /// PostHog's "other" label.
    private func rank(_ accumulators: [[TrendAccumulator?]], labels: Interner?, bucketCount: Int) -> [SeriesResult] {
        var results: [SeriesResult] = []
        for (index, item) in self.query.series.enumerated() {
            let empty = TrendAccumulator(bucketCount: bucketCount, math: item.math, personCount: 0, useBits: false)
            guard let labels, let breakdown = self.query.breakdown else {
                let accumulator = accumulators[index].first.flatMap { $0 } ?? empty
                results.append(SeriesResult(series: index, label: nil, data: accumulator.data(item.math)))
                continue
            }
            let present = accumulators[index].enumerated().compactMap { label, accumulator in
                accumulator.map { (label: labels[UInt32(label)], accumulator: $0, data: $0.data(item.math)) }
            }
            let ranked = present.sorted { left, right in
                let a = left.data.reduce(0, +)
                let b = right.data.reduce(0, +)
                return a != b ? a > b : left.label < right.label
            }
            for entry in ranked.prefix(breakdown.limit) {
                results.append(SeriesResult(series: index, label: entry.label, data: entry.data))
            }
            if ranked.count > breakdown.limit && !breakdown.hideOther {
                var other = empty
                for entry in ranked.dropFirst(breakdown.limit) { other.merge(entry.accumulator) }
                results.append(SeriesResult(series: index, label: Breakdown.otherLabel, data: other.data(item.math)))
            }
        }
        return results
    }
}
