/// PostHog's unordered funnel trend for one person (`funnel-udf/src/unordered_trends.rs`): the queues of
/// ``UnorderedFunnelStepper``, where each dropped oldest event credits its own period with the number of
/// steps held at that moment; after the last event every queued event is dropped that way.
final class UnorderedFunnelTrendStepper: PersonFunnelTrend {
    let window: Int64
    let attributionStep: Int?
    /// 1-based step counts that count a period (`funnelFromStep + 1`) and convert it (`funnelToStep + 1`).
    let fromLevel: Int
    let toLevel: Int

    private var queues: StepQueues
    private var furthest: [Int: Int] = [:]

    init(stepCount: Int, window: Int64, attributionStep: Int?, fromLevel: Int, toLevel: Int) {
        self.window = window
        self.attributionStep = attributionStep
        self.fromLevel = fromLevel
        self.toLevel = toLevel
        self.queues = StepQueues(stepCount: stepCount)
    }

    func run(
        _ events: UnsafeBufferPointer<FunnelStepper.Event>, buckets: TrendBuckets, propValue: UInt32,
        onlyMatchingBreakdown: Bool, report: (Int, Bool) -> Void
    ) {
        self.queues.removeAll()
        self.furthest.removeAll(keepingCapacity: true)
        var last: Int64?
        for event in events where !onlyMatchingBreakdown || event.breakdown == propValue {
            guard let bucket = buckets.index(of: event.timestamp) else { continue }
            self.dropOldest(before: event.timestamp, all: false)
            last = event.timestamp
            self.queues.enqueue(event, bucket: bucket, attributionStep: self.attributionStep, propValue: propValue)
        }
        if let last { self.dropOldest(before: last, all: true) }
        for (bucket, steps) in self.furthest where steps >= self.fromLevel { report(bucket, steps >= self.toLevel) }
    }

    /// Drops the oldest queued events that are out of the window of `time` (all of them with `all`, or while
    /// every step is held), crediting each one's period with the steps held just before.
    private func dropOldest(before time: Int64, all: Bool) {
        while let (step, oldest) = self.queues.oldest() {
            let complete = self.queues.held >= self.queues.stepCount
            guard all || complete || oldest.timestamp + self.window < time else { return }
            if self.queues.held > self.furthest[oldest.bucket] ?? Int.min {
                self.furthest[oldest.bucket] = self.queues.held
            }
            self.queues.dropOldest(of: step)
        }
    }
}
