/// The pure counting step of an analysis: which variant each unit saw, and per variant what a metric adds up
/// to. Apart from I/O, so the reference tests can drive it with synthetic observations.
///
/// - A unit's variant is the `$feature_flag_response` of its first exposure; exposures naming something
///   other than one of the flag's variants are ignored.
/// - A unit exposed to more than one variant is excluded from everything and counted
///   (``multipleVariantUnits``), as PostHog does.
/// - Metric events count only at or after the unit's first exposure and up to the experiment's end.
struct ExperimentTally: Sendable {
    struct Assignment: Sendable, Equatable {
        var variant: Int
        var firstExposure: Int64
    }

    /// What one variant adds up to for one metric.
    struct Figures: Sendable, Equatable {
        var exposures = 0
        /// Units that completed the funnel.
        var conversions = 0
        /// Sum and sum of squares of the per-unit values of a mean (counts or property sums).
        var sum = 0.0
        var sumOfSquares = 0.0

        var rate: Double { self.exposures > 0 ? Double(self.conversions) / Double(self.exposures) : 0 }
        var mean: Double { self.exposures > 0 ? self.sum / Double(self.exposures) : 0 }
        /// The sample variance of the per-unit values (n − 1 in the denominator).
        var variance: Double {
            guard self.exposures > 1 else { return 0 }
            let n = Double(self.exposures)
            return max(0, (self.sumOfSquares - self.sum * self.sum / n) / (n - 1))
        }
    }

    let variants: [String]
    private(set) var assignments: [String: Assignment] = [:]
    private(set) var multipleVariantUnits = 0

    init(exposures: [ExperimentObservations.Exposure], variants: [String]) {
        self.variants = variants
        let index = Dictionary(uniqueKeysWithValues: variants.enumerated().map { ($0.element, $0.offset) })
        var first: [String: Assignment] = [:]
        var mixed: Set<String> = []
        for exposure in exposures {
            guard let variant = index[exposure.variant] else { continue }
            if let seen = first[exposure.unit] {
                if seen.variant != variant { mixed.insert(exposure.unit) }
                if exposure.timestamp < seen.firstExposure {
                    first[exposure.unit] = Assignment(variant: seen.variant, firstExposure: exposure.timestamp)
                }
            } else {
                first[exposure.unit] = Assignment(variant: variant, firstExposure: exposure.timestamp)
            }
        }
        for unit in mixed { first[unit] = nil }
        self.assignments = first
        self.multipleVariantUnits = mixed.count
    }

    /// Exposed units per variant, in ``variants`` order.
    var exposures: [Int] {
        var counts = Array(repeating: 0, count: self.variants.count)
        for assignment in self.assignments.values { counts[assignment.variant] += 1 }
        return counts
    }

    /// Per variant, what `metric` adds up to from its events, counting events up to `end` (microseconds).
    func figures(
        of metric: ExperimentMetric, events: [ExperimentObservations.MetricEvent], end: Int64
    ) -> [Figures] {
        var byUnit: [String: [ExperimentObservations.MetricEvent]] = [:]
        for event in events where self.assignments[event.unit] != nil { byUnit[event.unit, default: []].append(event) }
        var figures = Array(repeating: Figures(), count: self.variants.count)
        for (unit, assignment) in self.assignments {
            let start = assignment.firstExposure
            let stop = metric.conversionWindow.map { min(end, start &+ $0) } ?? end
            let own = (byUnit[unit] ?? []).filter { $0.timestamp >= start && $0.timestamp <= stop }
            figures[assignment.variant].exposures += 1
            switch metric.measure {
            case .funnel(let steps):
                if Self.completes(steps: steps.count, own) { figures[assignment.variant].conversions += 1 }
            case .mean:
                let value = own.reduce(0) { $0 + $1.value }
                figures[assignment.variant].sum += value
                figures[assignment.variant].sumOfSquares += value * value
            }
        }
        return figures
    }

    /// Whether distinct events complete steps 0..<count in order with non-decreasing timestamps. Taking the
    /// earliest usable event for each step in turn is optimal (a later one never leaves more room); among
    /// events at that same instant, the one matching the fewest later steps is taken, so that an event able
    /// to serve a later step is kept for it.
    static func completes(steps count: Int, _ events: [ExperimentObservations.MetricEvent]) -> Bool {
        let ordered = events.sorted { ($0.timestamp, $0.tiebreak) < ($1.timestamp, $1.tiebreak) }
        var used = Array(repeating: false, count: ordered.count)
        var previous = Int64.min
        for step in 0..<count {
            let bit = UInt32(1) << UInt32(step)
            var chosen: Int?
            for index in ordered.indices
            where !used[index] && ordered[index].timestamp >= previous && ordered[index].steps & bit != 0 {
                if let current = chosen {
                    guard ordered[index].timestamp == ordered[current].timestamp else { break }
                    if (ordered[index].steps >> UInt32(step + 1)).nonzeroBitCount
                        < (ordered[current].steps >> UInt32(step + 1)).nonzeroBitCount
                    {
                        chosen = index
                    }
                } else {
                    chosen = index
                }
            }
            guard let chosen else { return false }
            used[chosen] = true
            previous = ordered[chosen].timestamp
        }
        return true
    }
}
