/// PostHog's ordered and strict funnel state machine (`funnel-udf/src/steps.rs`) for one person and one
/// breakdown value, with fixed-size state reused from person to person (raw buffers: this is the inner loop
/// of every funnel query).
///
/// Levels are 1-based: level L holds the chain that has matched steps 1…L, keyed by the time its first step
/// happened. Each level keeps the chain with the latest start; the answer is the first chain to reach the
/// highest level, dropped when an exclusion fell inside it.
final class FunnelStepper: PersonFunnel {
    /// One event of a person, already matched against the steps.
    struct Event {
        var timestamp: Int64
        /// The event's row in the project's columns: distinguishes events of one person, so that a chain never
        /// uses the same event twice, and finds the event's tie-break.
        var id: UInt32
        var breakdown: UInt32
        /// Bit L-1 set: the event matches step L (1-based).
        var steps: UInt32
        /// Bit L-1 set: the event is an exclusion that breaks chains about to enter level L.
        var exclusions: UInt32
    }

    static let unset = Int64.min

    let stepCount: Int
    let window: Int64
    let strict: Bool
    /// With step attribution: the 0-based step whose event must carry the breakdown value.
    let attributionStep: Int?

    private let start: UnsafeMutablePointer<Int64>
    private let excluded: UnsafeMutablePointer<Bool>
    /// Row L holds the step times of level L's chain (L entries).
    private let times: UnsafeMutablePointer<Int64>
    private let ids: UnsafeMutablePointer<UInt32>
    private var maxLevel = 0
    private var maxStart = FunnelStepper.unset
    private var maxExcluded = false
    private let maxTimes: UnsafeMutablePointer<Int64>

    init(stepCount: Int, window: Int64, strict: Bool, attributionStep: Int?) {
        self.stepCount = stepCount
        self.window = window
        self.strict = strict
        self.attributionStep = attributionStep
        self.start = .allocate(capacity: stepCount + 1)
        self.start.initialize(repeating: Self.unset, count: stepCount + 1)
        self.excluded = .allocate(capacity: stepCount + 1)
        self.excluded.initialize(repeating: false, count: stepCount + 1)
        self.times = .allocate(capacity: (stepCount + 1) * stepCount)
        self.times.initialize(repeating: 0, count: (stepCount + 1) * stepCount)
        self.ids = .allocate(capacity: (stepCount + 1) * stepCount)
        self.ids.initialize(repeating: 0, count: (stepCount + 1) * stepCount)
        self.maxTimes = .allocate(capacity: stepCount)
        self.maxTimes.initialize(repeating: 0, count: stepCount)
    }

    deinit {
        self.start.deallocate()
        self.excluded.deallocate()
        self.times.deallocate()
        self.ids.deallocate()
        self.maxTimes.deallocate()
    }

    func run(_ events: UnsafeBufferPointer<Event>, propValue: UInt32, onlyMatchingBreakdown: Bool) -> Int {
        for level in 0...self.stepCount {
            self.start[level] = Self.unset
            self.excluded[level] = false
        }
        self.maxLevel = 0
        self.maxStart = Self.unset
        self.maxExcluded = false
        var index = 0
        while index < events.count {
            var end = index
            var groupSize = 0
            var uniform = true
            let timestamp = events[index].timestamp
            var first: Event?
            while end < events.count && events[end].timestamp == timestamp {
                let event = events[end]
                end += 1
                if onlyMatchingBreakdown && event.breakdown != propValue { continue }
                if let first {
                    if first.steps != event.steps || first.exclusions != event.exclusions { uniform = false }
                } else {
                    first = event
                }
                groupSize += 1
            }
            if groupSize > 0 {
                self.start[0] = timestamp
                self.excluded[0] = false
                if uniform {
                    for event in events[index..<end] where !onlyMatchingBreakdown || event.breakdown == propValue {
                        self.process(event, propValue: propValue, multiple: false)
                    }
                } else {
                    // Different events at one instant: each step an event matches is tried on its own, lowest
                    // step first; exclusions and strictness are ignored, as in PostHog.
                    for level in 1...self.stepCount {
                        for var event in events[index..<end]
                        where (!onlyMatchingBreakdown || event.breakdown == propValue)
                            && event.steps & (1 << (level - 1)) != 0
                        {
                            event.steps = 1 << (level - 1)
                            event.exclusions = 0
                            self.process(event, propValue: propValue, multiple: true)
                        }
                    }
                }
            }
            index = end
            if self.start[self.stepCount] != Self.unset { break }
        }
        return self.maxExcluded ? -1 : self.maxLevel - 1
    }

    func conversionTime(toStep step: Int) -> Int64 {
        self.maxTimes[step] - self.maxTimes[step - 1]
    }

    private func process(_ event: Event, propValue: UInt32, multiple: Bool) {
        var level = self.stepCount
        while level >= 1 {
            if event.exclusions & (1 << (level - 1)) != 0 {
                self.advance(level, event, exclusion: true, propValue, multiple)
            }
            level -= 1
        }
        level = self.stepCount
        while level >= 1 {
            if event.steps & (1 << (level - 1)) != 0 {
                self.advance(level, event, exclusion: false, propValue, multiple)
            }
            level -= 1
        }
        if self.strict && !multiple {
            for level in 1...self.stepCount where event.steps & (1 << (level - 1)) == 0 {
                self.start[level] = Self.unset
            }
        }
    }

    private func advance(_ level: Int, _ event: Event, exclusion: Bool, _ propValue: UInt32, _ multiple: Bool) {
        let previous = level - 1
        let previousStart = self.start[previous]
        guard previousStart != Self.unset, event.timestamp - previousStart <= self.window else { return }
        if self.start[level] != Self.unset && self.start[level] == previousStart { return }
        if exclusion {
            guard !self.excluded[previous] else { return }
            self.excluded[previous] = true
            if self.maxLevel == previous && event.timestamp - self.maxStart <= self.window { self.maxExcluded = true }
            return
        }
        if let step = self.attributionStep, step == previous, event.breakdown != propValue { return }
        let row = previous * self.stepCount
        if multiple {
            for slot in 0..<previous where self.ids[row + slot] == event.id { return }
        }
        let chainExcluded = self.excluded[previous]
        if !chainExcluded {
            let target = level * self.stepCount
            for slot in 0..<previous {
                self.times[target + slot] = self.times[row + slot]
                self.ids[target + slot] = self.ids[row + slot]
            }
            self.times[target + previous] = event.timestamp
            self.ids[target + previous] = event.id
            self.start[level] = previousStart
            self.excluded[level] = false
        }
        if level > self.maxLevel || (level == self.maxLevel && self.maxExcluded) {
            self.maxLevel = level
            self.maxStart = previousStart
            self.maxExcluded = chainExcluded
            for slot in 0..<previous { self.maxTimes[slot] = self.times[row + slot] }
            self.maxTimes[previous] = event.timestamp
        }
    }
}
