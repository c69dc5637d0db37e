/// PostHog's ordered and strict funnel trend for one person (`funnel-udf/src/trends.rs`): every step-1 event
/// opens (or restarts) the chain of its period, and each period converts when its chain reaches `toStep`.
///
/// A period that did not convert still counts in the denominator once its chain reached `fromStep`, unless
/// an exclusion fell inside it; a chain completed through an excluded step drops every unconverted period.
final class FunnelTrendStepper: PersonFunnelTrend {
    private enum Exclusion { case none, partial, full }

    /// One period's chain: `entered[L]` is the start time of the chain that reached level L (1-based).
    private struct Period {
        var bucket: Int
        var maxLevel: Int
        var maxTime: Int64
        var maxExclusion: Exclusion
        var entered: [Int64]
        var excluded: [Bool]
    }

    static let unset = Int64.min

    let stepCount: Int
    let window: Int64
    let strict: Bool
    let attributionStep: Int?
    /// 1-based levels whose reach counts a period (`funnelFromStep + 1`) and converts it (`funnelToStep + 1`).
    let fromLevel: Int
    let toLevel: Int

    private var open: [Period] = []
    private var converted: [Int: Bool] = [:]

    init(stepCount: Int, window: Int64, strict: Bool, attributionStep: Int?, fromLevel: Int, toLevel: Int) {
        self.stepCount = stepCount
        self.window = window
        self.strict = strict
        self.attributionStep = attributionStep
        self.fromLevel = fromLevel
        self.toLevel = toLevel
    }

    func run(
        _ events: UnsafeBufferPointer<FunnelStepper.Event>, buckets: TrendBuckets, propValue: UInt32,
        onlyMatchingBreakdown: Bool, report: (Int, Bool) -> Void
    ) {
        self.open.removeAll(keepingCapacity: true)
        self.converted.removeAll(keepingCapacity: true)
        for event in events where !onlyMatchingBreakdown || event.breakdown == propValue {
            guard let bucket = buckets.index(of: event.timestamp) else { continue }
            self.process(event, bucket: bucket, propValue: propValue)
        }
        if !self.open.contains(where: { $0.maxExclusion == .full }) {
            for period in self.open
            where self.converted[period.bucket] == nil && period.maxLevel >= self.fromLevel
                && period.maxExclusion != .partial
            {
                self.converted[period.bucket] = false
            }
        }
        for (bucket, converted) in self.converted { report(bucket, converted) }
    }

    private func process(_ event: FunnelStepper.Event, bucket: Int, propValue: UInt32) {
        for level in stride(from: self.stepCount, through: 1, by: -1) where event.exclusions & (1 << (level - 1)) != 0 {
            self.advance(level, event, exclusion: true, bucket: bucket, propValue: propValue)
        }
        for level in stride(from: self.stepCount, through: 1, by: -1) where event.steps & (1 << (level - 1)) != 0 {
            self.advance(level, event, exclusion: false, bucket: bucket, propValue: propValue)
        }
        if self.strict {
            for index in self.open.indices {
                for level in 1...self.stepCount where event.steps & (1 << (level - 1)) == 0 {
                    self.open[index].entered[level] = Self.unset
                    self.open[index].excluded[level] = false
                }
            }
        }
    }

    private func advance(_ level: Int, _ event: FunnelStepper.Event, exclusion: Bool, bucket: Int, propValue: UInt32) {
        let unattributed = self.attributionStep == level - 1 && event.breakdown != propValue
        if level == 1 {
            guard !unattributed, self.converted[bucket] == nil else { return }
            if let index = self.open.firstIndex(where: { $0.bucket == bucket }),
                !(self.open[index].maxLevel == 1 && self.open[index].maxExclusion != .none)
            {
                self.open[index].entered[1] = event.timestamp
                self.open[index].excluded[1] = false
                return
            }
            var entered = Array(repeating: Self.unset, count: self.stepCount + 1)
            entered[1] = event.timestamp
            let period = Period(
                bucket: bucket, maxLevel: 1, maxTime: event.timestamp, maxExclusion: .none, entered: entered,
                excluded: Array(repeating: false, count: self.stepCount + 1))
            self.open.removeAll { $0.bucket == bucket }
            self.open.append(period)
            return
        }
        var index = 0
        while index < self.open.count {
            if self.step(&self.open[index], level, event, exclusion: exclusion, unattributed: unattributed) {
                self.converted[self.open[index].bucket] = true
                self.open.remove(at: index)
            } else {
                index += 1
            }
        }
    }

    /// Applies one step (or exclusion) of `event` to a period's chain; true when the period has converted.
    private func step(
        _ period: inout Period, _ level: Int, _ event: FunnelStepper.Event, exclusion: Bool, unattributed: Bool
    ) -> Bool {
        let previousStart = period.entered[level - 1]
        let previousExcluded = period.excluded[level - 1]
        let inWindow = previousStart != Self.unset && event.timestamp - previousStart <= self.window
        guard inWindow, period.entered[level] != previousStart else { return false }
        if exclusion {
            if !previousExcluded {
                period.excluded[level - 1] = true
                if period.maxLevel == level - 1 && event.timestamp - period.maxTime <= self.window {
                    period.maxExclusion = .partial
                }
            }
            return false
        }
        guard !unattributed else { return false }
        if !previousExcluded {
            period.entered[level] = previousStart
            period.excluded[level] = false
        }
        if period.entered[self.toLevel] != Self.unset { return true }
        if level > period.maxLevel || (level == period.maxLevel && period.maxExclusion == .partial) {
            period.maxLevel = level
            period.maxTime = event.timestamp
            period.maxExclusion = previousExcluded ? .full : .none
        }
        return false
    }
}
