import Foundation

/// Runs a ``RetentionQuery``: which persons who did the target event in a period came back in later ones.
struct RetentionRunner {
    let query: RetentionQuery
    /// Members of the cohorts the query's filters refer to.
    var cohorts = CohortMasks()

    /// The cohort table in PostHog's shape: one row per starting period with one value per later period.
    func answer(columns: ProjectColumns, now: Int64) -> JSONValue {
        let period = self.query.period
        let periods = self.query.totalIntervals
        let last = period.start(of: self.query.dateRange.resolveEnd(now: now, interval: period) - 1)
        let first = period.advance(last, by: -Int64(periods - 1))
        let buckets = TrendBuckets(interval: period, from: first, to: period.advance(last), single: false)
        let words = (periods + 63) / 64
        let personCount = columns.persons.count
        var targeted = Array(repeating: UInt64(0), count: personCount * words)
        var returned = Array(repeating: UInt64(0), count: personCount * words)
        var firstTarget = Array(repeating: Int64.max, count: self.query.kind == .firstTime ? personCount : 0)
        var lookup = PropertyLookup(texts: columns.propertyTexts)
        let textCount = columns.propertyTexts.count
        var matcher = SeriesMatcher(
            [self.query.target, self.query.returning], names: columns.eventNames, textCount: textCount,
            cohorts: self.cohorts)
        var global = PredicateCache(self.query.predicate, textCount: textCount, cohorts: self.cohorts)
        // First-time retention needs each person's first target event ever, so it reads from the beginning.
        let scanFrom = self.query.kind == .firstTime ? Int64.min : first
        for chunk in columns.chunks where chunk.overlaps(from: scanFrom, to: buckets.end) {
            for row in 0..<chunk.count {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= scanFrom, timestamp < buckets.end else { continue }
                let event = chunk.events[row]
                guard matcher.mayMatch(event: event), !chunk.isDeleted(row) else { continue }
                let properties = chunk.properties[row]
                guard global.matches(properties, person: chunk.persons[row], &lookup) else { continue }
                let mask = matcher.mask(event: event, properties: properties, person: chunk.persons[row], &lookup)
                let person = Int(chunk.persons[row])
                if mask & 1 != 0 && self.query.kind == .firstTime {
                    firstTarget[person] = min(firstTarget[person], timestamp)
                }
                guard let bucket = buckets.index(of: timestamp) else { continue }
                let bit = UInt64(1) << UInt64(bucket & 63)
                if mask & 1 != 0 { targeted[person * words + bucket >> 6] |= bit }
                if mask & 2 != 0 { returned[person * words + bucket >> 6] |= bit }
            }
        }
        var table = (0..<periods).map { Array(repeating: 0, count: periods - $0) }
        for person in 0..<personCount {
            func has(_ bits: [UInt64], _ bucket: Int) -> Bool {
                bits[person * words + bucket >> 6] & (UInt64(1) << UInt64(bucket & 63)) != 0
            }
            for cohort in 0..<periods {
                switch self.query.kind {
                case .recurring: guard has(targeted, cohort) else { continue }
                case .firstTime:
                    guard firstTarget[person] != Int64.max, buckets.index(of: firstTarget[person]) == cohort else {
                        continue
                    }
                }
                table[cohort][0] += 1
                var laterReturn = false
                for offset in stride(from: periods - cohort - 1, through: 1, by: -1) {
                    laterReturn = laterReturn || has(returned, cohort + offset)
                    let counted = self.query.cumulative ? laterReturn : has(returned, cohort + offset)
                    if counted { table[cohort][offset] += 1 }
                }
            }
        }
        let name = period.rawValue.prefix(1).uppercased() + period.rawValue.dropFirst()
        return .array(
            table.enumerated().map { cohort, values in
                .object([
                    "label": .string("\(name) \(cohort)"),
                    "date": .string(
                        ISO8601Timestamp.format(buckets.starts[cohort]).replacingOccurrences(of: ".000000Z", with: "Z")),
                    "values": .array(
                        values.enumerated().map { offset, count in
                            .object(["count": .int(count), "label": .string("\(name) \(offset)")])
                        }),
                ])
            })
    }
}
