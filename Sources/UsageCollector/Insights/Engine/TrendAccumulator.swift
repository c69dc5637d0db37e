/// The running aggregate of one series and breakdown value over the buckets of a trend.
struct TrendAccumulator {
    var counts: [Int]
    var people: [PersonSet]
    var values: [[Double]]

    init(bucketCount: Int, math: EventSeries.Math, personCount: Int, useBits: Bool) {
        self.counts = Array(repeating: 0, count: bucketCount)
        switch math {
        case .total:
            self.people = []
            self.values = []
        case .dau, .weeklyActive, .monthlyActive:
            self.people = (0..<bucketCount).map { _ in PersonSet(personCount: personCount, useBits: useBits) }
            self.values = []
        case .property:
            self.people = []
            self.values = Array(repeating: [], count: bucketCount)
        }
    }

    init(counts: [Int], people: [PersonSet], values: [[Double]]) {
        self.counts = counts
        self.people = people
        self.values = values
    }

    mutating func merge(_ other: TrendAccumulator) {
        for bucket in self.counts.indices {
            self.counts[bucket] += other.counts[bucket]
            if !self.people.isEmpty { self.people[bucket].formUnion(other.people[bucket]) }
            if !self.values.isEmpty { self.values[bucket] += other.values[bucket] }
        }
    }

    /// One value per bucket as PostHog reports it.
    func data(_ math: EventSeries.Math) -> [Double] {
        switch math {
        case .total: return self.counts.map(Double.init)
        case .dau, .weeklyActive, .monthlyActive: return self.people.map { Double($0.count) }
        case .property(let kind):
            return self.values.map { values in
                switch kind {
                case .sum: values.reduce(0, +)
                case .avg: Statistics.mean(values) ?? 0
                case .min: values.min() ?? 0
                case .max: values.max() ?? 0
                case .median: Statistics.quantile(values, 0.5) ?? 0
                case .p75: Statistics.quantile(values, 0.75) ?? 0
                case .p90: Statistics.quantile(values, 0.9) ?? 0
                case .p95: Statistics.quantile(values, 0.95) ?? 0
                case .p99: Statistics.quantile(values, 0.99) ?? 0
                }
            }
        }
    }
}
