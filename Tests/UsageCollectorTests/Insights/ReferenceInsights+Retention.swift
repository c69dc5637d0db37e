@testable import UsageCollector

extension ReferenceInsights {
    /// The cohort table: row i is the cohort of period i, value j the persons back in period i + j.
    func retention(_ query: RetentionQuery, now: Int64) -> [[Int]] {
        let period = query.period
        let last = period.start(of: query.dateRange.resolveEnd(now: now, interval: period) - 1)
        let starts = (0..<query.totalIntervals).map { period.advance(last, by: -Int64(query.totalIntervals - 1 - $0)) }
        func periodIndex(_ time: Int64) -> Int? { starts.firstIndex(of: period.start(of: time)) }
        let kept = self.events.filter { self.passes(query.predicate, $0) }
        var targets: [String: Set<Int>] = [:]
        var returns: [String: Set<Int>] = [:]
        var firstTarget: [String: Int64] = [:]
        for event in kept {
            let person = event.record.distinctID
            if self.matches(query.target, event) {
                firstTarget[person] = min(firstTarget[person] ?? .max, event.record.timestamp)
                if let index = periodIndex(event.record.timestamp) { targets[person, default: []].insert(index) }
            }
            if self.matches(query.returning, event), let index = periodIndex(event.record.timestamp) {
                returns[person, default: []].insert(index)
            }
        }
        return (0..<query.totalIntervals).map { cohort in
            let members: [String]
            switch query.kind {
            case .recurring: members = targets.filter { $0.value.contains(cohort) }.map(\.key)
            case .firstTime: members = firstTarget.filter { periodIndex($0.value) == cohort }.map(\.key)
            }
            return (0..<(query.totalIntervals - cohort)).map { offset in
                guard offset > 0 else { return members.count }
                return members.filter { person in
                    let back = returns[person] ?? []
                    return query.cumulative ? back.contains { $0 >= cohort + offset } : back.contains(cohort + offset)
                }.count
            }
        }
    }
}
