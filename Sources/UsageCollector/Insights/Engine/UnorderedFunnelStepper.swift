/// PostHog's unordered ("any order") funnel for one person (`funnel-udf/src/unordered_steps.rs`).
///
/// Each step keeps a queue of the events assigned to it. An event joins the step, among those it matches,
/// whose newest queued event is oldest. Before that, the oldest queued events that fall out of the window of
/// the new event are dropped one by one, and the number of held steps is recorded as the furthest step just
/// before each drop (and once more after the last event). An exclusion event empties every queue.
final class UnorderedFunnelStepper: PersonFunnel {
    let window: Int64
    /// With step attribution (PostHog allows only step 0): the event that opens an empty funnel must carry
    /// the breakdown value.
    let attributionStep: Int?

    private var queues: StepQueues
    private var maxLevel = 0
    /// The queue fronts, sorted, when the furthest step was recorded.
    private var maxTimes: [Int64] = []

    init(stepCount: Int, window: Int64, attributionStep: Int?) {
        self.window = window
        self.attributionStep = attributionStep
        self.queues = StepQueues(stepCount: stepCount)
    }

    func run(_ events: UnsafeBufferPointer<FunnelStepper.Event>, propValue: UInt32, onlyMatchingBreakdown: Bool) -> Int
    {
        self.queues.removeAll()
        self.maxLevel = 0
        self.maxTimes.removeAll(keepingCapacity: true)
        for event in events where !onlyMatchingBreakdown || event.breakdown == propValue {
            self.process(event, propValue: propValue)
            if self.maxLevel == self.queues.stepCount { break }
        }
        // PostHog records once more at the last event; after an early stop this changes nothing.
        self.recordFurthest()
        return self.maxLevel - 1
    }

    func conversionTime(toStep step: Int) -> Int64 {
        self.maxTimes[step] - self.maxTimes[step - 1]
    }

    private func process(_ event: FunnelStepper.Event, propValue: UInt32) {
        while let (step, oldest) = self.queues.oldest() {
            if self.queues.held < self.queues.stepCount && oldest.timestamp + self.window >= event.timestamp { break }
            self.recordFurthest()
            self.queues.dropOldest(of: step)
        }
        self.queues.enqueue(event, bucket: 0, attributionStep: self.attributionStep, propValue: propValue)
    }

    private func recordFurthest() {
        guard self.queues.held > self.maxLevel else { return }
        self.maxLevel = self.queues.held
        self.queues.sortedFronts(into: &self.maxTimes)
    }
}
