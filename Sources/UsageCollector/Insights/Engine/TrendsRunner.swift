/// Runs a ``TrendsQuery`` over a project's columns: one pass over the range into per-series,
/// per-breakdown-value accumulators.
struct TrendsRunner {
    /// Budget of bitset words for unique-user counting before falling back to hash sets (256 MB).
    static let bitsetWordBudget = 32 << 20

    let query: TrendsQuery

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
        var matcher = SeriesMatcher(series, names: columns.eventNames, textCount: textCount)
        var global = PredicateCache(self.query.predicate, textCount: textCount)
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
        var accumulators: [[TrendAccumulator?]] = Array(repeating: [], count: series.count)
        var bitsetWords = 0
        // Without property conditions, breakdown or property math, the event name alone decides.
        let byNameOnly =
            matcher.matchesByNameOnly && global.predicate.isAlways && breakdown == nil
            && numbers.allSatisfy { $0 == nil }
        for chunk in columns.chunks where chunk.overlaps(from: scanFrom, to: buckets.end) {
            let hasDeletions = chunk.deletedCount > 0
            for row in 0..<chunk.count {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= scanFrom, timestamp < buckets.end else { continue }
                let event = chunk.events[row]
                var mask = matcher.nameMask(event: event)
                guard mask != 0 else { continue }
                if hasDeletions && chunk.isDeleted(row) { continue }
                let properties = chunk.properties[row]
                var label: UInt32 = 0
                if !byNameOnly {
                    guard global.matches(properties, &lookup) else { continue }
                    mask = matcher.mask(event: event, properties: properties, &lookup)
                    guard mask != 0 else { continue }
                    label = breakdown?.label(properties, &lookup) ?? 0
                }
                let bucket = buckets.index(of: timestamp)
                while mask != 0 {
                    let index = mask.trailingZeroBitCount
                    mask &= mask - 1
                    if windows[index] == nil && bucket == nil { continue }
                    if accumulators[index].count <= Int(label) {
                        accumulators[index] += Array(repeating: nil, count: Int(label) + 1 - accumulators[index].count)
                    }
                    if accumulators[index][Int(label)] == nil {
                        let useBits = bitsetWords < Self.bitsetWordBudget
                        let created = TrendAccumulator(
                            bucketCount: buckets.count, math: series[index].math, personCount: personCount,
                            useBits: useBits)
                        bitsetWords += created.people.reduce(0) { $0 + $1.wordCount }
                        accumulators[index][Int(label)] = created
                    }
                    let person = chunk.persons[row]
                    switch series[index].math {
                    case .total:
                        accumulators[index][Int(label)]!.counts[bucket!] += 1
                    case .dau:
                        accumulators[index][Int(label)]!.people[bucket!].insert(person)
                    case .weeklyActive, .monthlyActive:
                        let window = windows[index]!
                        var target = buckets.firstEnding(after: timestamp)
                        while target < buckets.count && buckets.end(of: target) <= timestamp + window {
                            accumulators[index][Int(label)]!.people[target].insert(person)
                            target += 1
                        }
                    case .property:
                        guard let value = numbers[index]?.number(properties, &lookup) else { continue }
                        accumulators[index][Int(label)]!.values[bucket!].append(value)
                    }
                }
            }
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
