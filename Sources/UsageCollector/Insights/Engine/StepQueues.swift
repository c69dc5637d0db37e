/// The per-step event queues of PostHog's unordered funnels (`unordered_steps.rs`, `unordered_trends.rs`):
/// each step holds, oldest first, the times (and entry periods) of the events assigned to it.
struct StepQueues {
    struct Entry {
        var timestamp: Int64
        /// The funnel-trend period of the event (0 for a steps funnel).
        var bucket: Int
    }

    private var queues: [[Entry]]
    /// `heads[s]`: index of step s's oldest live entry (entries before it were dropped).
    private var heads: [Int]
    /// How many steps hold at least one event.
    private(set) var held = 0

    init(stepCount: Int) {
        self.queues = Array(repeating: [], count: stepCount)
        self.heads = Array(repeating: 0, count: stepCount)
    }

    var stepCount: Int { self.queues.count }

    /// The step whose oldest entry is oldest (the lowest step on ties) and that entry.
    func oldest() -> (step: Int, entry: Entry)? {
        var found: (step: Int, entry: Entry)?
        for step in self.queues.indices where self.heads[step] < self.queues[step].count {
            let entry = self.queues[step][self.heads[step]]
            if found == nil || entry.timestamp < found!.entry.timestamp { found = (step, entry) }
        }
        return found
    }

    mutating func dropOldest(of step: Int) {
        self.heads[step] += 1
        if self.heads[step] == self.queues[step].count {
            self.queues[step].removeAll(keepingCapacity: true)
            self.heads[step] = 0
            self.held -= 1
        }
    }

    /// Takes one event as PostHog does: an exclusion empties every queue; a step event joins the step, among
    /// those it matches, waiting longest, unless the attribution step is next and the event lacks the value.
    mutating func enqueue(
        _ event: FunnelStepper.Event, bucket: Int, attributionStep: Int?, propValue: UInt32
    ) {
        if event.steps == 0 {
            self.removeAll()
            return
        }
        let step = self.stepWaitingLongest(event.steps)
        if let attributionStep, self.held == attributionStep, event.breakdown != propValue { return }
        if self.queues[step].isEmpty { self.held += 1 }
        self.queues[step].append(Entry(timestamp: event.timestamp, bucket: bucket))
    }

    /// Of the steps in `mask` (bit s for step s), the one whose newest entry is oldest; an empty queue counts
    /// as time 0, as in PostHog, and ties go to the lowest step.
    private func stepWaitingLongest(_ mask: UInt32) -> Int {
        var chosen = -1
        var chosenNewest: Int64 = 0
        for step in self.queues.indices where mask & (1 << UInt32(step)) != 0 {
            let newest = self.queues[step].last?.timestamp ?? 0
            if chosen < 0 || newest < chosenNewest {
                chosen = step
                chosenNewest = newest
            }
        }
        return chosen
    }

    /// The oldest live time of every held step, sorted.
    func sortedFronts(into times: inout [Int64]) {
        times.removeAll(keepingCapacity: true)
        for step in self.queues.indices where self.heads[step] < self.queues[step].count {
            times.append(self.queues[step][self.heads[step]].timestamp)
        }
        times.sort()
    }

    mutating func removeAll() {
        for step in self.queues.indices {
            self.queues[step].removeAll(keepingCapacity: true)
            self.heads[step] = 0
        }
        self.held = 0
    }
}
