@testable import UsageCollector

extension ReferenceInsights {
    /// Rows by breakdown label ("" without a breakdown); labels outside the limit are folded into "Other".
    func funnel(_ query: FunnelsQuery, now: Int64) -> [String: FunnelRow] {
        let range = query.dateRange.resolve(now: now, interval: .day, earliest: self.earliest)
        var byPerson: [String: [(Event, ReferenceFunnel.Event)]] = [:]
        for event in self.events.sorted(by: { $0.tiebreak < $1.tiebreak }) {
            let time = event.record.timestamp
            guard time >= range.from, time < range.to, query.predicate.matches(event.properties) else { continue }
            var steps = query.steps.enumerated().filter { Self.matches($0.element, event) }.map { $0.offset + 1 }
            for exclusion in query.exclusions where Self.matches(exclusion.series, event) {
                steps += (exclusion.fromStep + 1...exclusion.toStep).map { -($0 + 1) }
            }
            let negatives = steps.filter { $0 < 0 }.sorted(by: >)
            steps = steps.filter { $0 > 0 }.sorted() + Array(Set(negatives)).sorted(by: >)
            guard query.order == .strict || !steps.isEmpty else { continue }
            let breakdown = query.breakdown.flatMap { Self.breakdownValue(event.properties, $0.property) }
            byPerson[event.record.distinctID, default: []].append(
                (
                    event,
                    ReferenceFunnel.Event(timestamp: time, uuid: event.record.uuid, breakdown: breakdown, steps: steps)
                ))
        }
        var reached: [String: [Int]] = [:]
        var times: [String: [[Double]]] = [:]
        let stepCount = query.steps.count
        for (_, pairs) in byPerson {
            let events = pairs.map(\.1)
            var values: [String?] = []
            var attributionStep: Int?
            switch (query.breakdown, query.attribution) {
            case (nil, _): values = [""]
            case (_, .firstTouch): values = [events.first { $0.breakdown != nil }?.breakdown]
            case (_, .lastTouch): values = [events.last { $0.breakdown != nil }?.breakdown]
            case (_, .allEvents): values = Array(Set(events.compactMap(\.breakdown))).sorted()
            case (_, .step(let step)):
                attributionStep = step
                let carriers = query.order == .unordered ? events : events.filter { $0.steps.contains(step + 1) }
                values = Array(Set(carriers.compactMap(\.breakdown))).sorted()
            }
            let allEvents = query.breakdown != nil && query.attribution == .allEvents
            for value in values {
                let (step, gaps) =
                    query.order == .unordered
                    ? ReferenceUnorderedFunnel.person(
                        events, stepCount: stepCount, window: query.window, attributionStep: attributionStep,
                        propValue: value, allEvents: allEvents)
                    : ReferenceFunnel.person(
                        events, stepCount: stepCount, window: query.window, strict: query.order == .strict,
                        attributionStep: attributionStep, propValue: value, allEvents: allEvents)
                guard step >= 0 else { continue }
                let label = value ?? Breakdown.nullLabel
                reached[label, default: Array(repeating: 0, count: stepCount)][step] += 1
                var perStep = times[label] ?? Array(repeating: [], count: stepCount)
                for (index, gap) in gaps.enumerated() where gap > 0 {
                    perStep[index + 1].append(Double(gap) / 1_000_000)
                }
                times[label] = perStep
            }
        }
        let ranked = reached.keys.sorted { left, right in
            let a = reached[left]!
            let b = reached[right]!
            for step in (0..<stepCount).reversed() where a[step] != b[step] { return a[step] > b[step] }
            return left < right
        }
        let limit = query.breakdown?.limit ?? 25
        var foldedExact: [String: [Int]] = [:]
        var foldedTimes: [String: [[Double]]] = [:]
        for (rank, label) in ranked.enumerated() {
            let target = rank < limit ? label : "Other"
            foldedExact[target] = zip(foldedExact[target] ?? Array(repeating: 0, count: stepCount), reached[label]!).map
            { $0 + $1 }
            foldedTimes[target] = zip(foldedTimes[target] ?? Array(repeating: [], count: stepCount), times[label]!).map
            { $0 + $1 }
        }
        return foldedExact.mapValues { _ in FunnelRow(counts: [], averages: [], medians: []) }.keys.reduce(into: [:]) {
            rows, label in
            rows[label] = Self.row(exact: foldedExact[label]!, times: foldedTimes[label]!)
        }
    }

    static func row(exact: [Int], times: [[Double]]) -> FunnelRow {
        let counts = exact.indices.map { index in exact[index...].reduce(0, +) }
        return FunnelRow(
            counts: counts,
            averages: times.enumerated().map { $0.offset == 0 ? nil : Self.mean($0.element) },
            medians: times.enumerated().map { $0.offset == 0 ? nil : Self.quantile($0.element, 0.5) })
    }
}
