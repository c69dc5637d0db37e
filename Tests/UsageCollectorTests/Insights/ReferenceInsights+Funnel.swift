@testable import UsageCollector

extension ReferenceInsights {
    /// Rows by breakdown label ("" without a breakdown); labels outside the limit are folded into "Other".
    func funnel(_ query: FunnelsQuery, now: Int64) -> [String: FunnelRow] {
        let range = query.dateRange.resolve(now: now, interval: .day, earliest: self.earliest)
        let byPerson = self.personEvents(query, from: range.from, to: range.to)
        var reached: [String: [Int]] = [:]
        var times: [String: [[Double]]] = [:]
        let stepCount = query.steps.count
        for (_, events) in byPerson {
            let (values, attributionStep) = Self.propValues(events, query)
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

    /// Each person's events in `[from, to)` that the funnel reads (every event for strict funnels), in time
    /// order, with the steps they match (`k+1`) and the steps they exclude (`-(i+1)`).
    func personEvents(_ query: FunnelsQuery, from: Int64, to: Int64) -> [String: [ReferenceFunnel.Event]] {
        var byPerson: [String: [ReferenceFunnel.Event]] = [:]
        for event in self.events.sorted(by: { $0.tiebreak < $1.tiebreak }) {
            let time = event.record.timestamp
            guard time >= from, time < to, self.passes(query.predicate, event) else { continue }
            var steps = query.steps.enumerated().filter { self.matches($0.element, event) }.map { $0.offset + 1 }
            for exclusion in query.exclusions where self.matches(exclusion.series, event) {
                steps += (exclusion.fromStep + 1...exclusion.toStep).map { -($0 + 1) }
            }
            let negatives = steps.filter { $0 < 0 }.sorted(by: >)
            steps = steps.filter { $0 > 0 }.sorted() + Array(Set(negatives)).sorted(by: >)
            guard query.order == .strict || !steps.isEmpty else { continue }
            let breakdown = query.breakdown.flatMap { Self.breakdownValue(event.properties, $0.property) }
            byPerson[event.record.distinctID, default: []].append(
                ReferenceFunnel.Event(timestamp: time, uuid: event.record.uuid, breakdown: breakdown, steps: steps))
        }
        return byPerson
    }

    /// The breakdown values a person counts under (PostHog's `prop_vals`), and the attribution step if any.
    static func propValues(_ events: [ReferenceFunnel.Event], _ query: FunnelsQuery) -> ([String?], Int?) {
        switch (query.breakdown, query.attribution) {
        case (nil, _): return ([""], nil)
        case (_, .firstTouch): return ([events.first { $0.breakdown != nil }?.breakdown], nil)
        case (_, .lastTouch): return ([events.last { $0.breakdown != nil }?.breakdown], nil)
        case (_, .allEvents): return (Array(Set(events.compactMap(\.breakdown))).sorted(), nil)
        case (_, .step(let step)):
            let carriers = query.order == .unordered ? events : events.filter { $0.steps.contains(step + 1) }
            return (Array(Set(carriers.compactMap(\.breakdown))).sorted(), step)
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
