/// Per breakdown value: how many persons stopped at each step and how long their conversions took.
struct FunnelTally {
    /// `exact[k]`: persons whose furthest step is k (0-based).
    var exact: [Int]
    /// `times[k]`: seconds from step k-1 to step k, zero-second conversions left out (PostHog's rule).
    var times: [[Double]]
    /// Seconds from `fromStep` to `toStep` of each person who got that far (time-to-convert histogram).
    var spans: [Double] = []

    init(stepCount: Int) {
        self.exact = Array(repeating: 0, count: stepCount)
        self.times = Array(repeating: [], count: stepCount)
    }

    /// Persons who reached step k or further.
    var counts: [Int] {
        var counts = self.exact
        for index in counts.indices.reversed().dropFirst() { counts[index] += counts[index + 1] }
        return counts
    }

    /// Counts one person who reached step `reached` (0-based), with the stepper's conversion times.
    mutating func record(reached: Int, stepper: some PersonFunnel, fromStep: Int, toStep: Int) {
        self.exact[reached] += 1
        if reached >= 1 {
            for step in 1...reached {
                let time = stepper.conversionTime(toStep: step)
                if time > 0 { self.times[step].append(Double(time) / 1_000_000) }
            }
        }
        if reached >= toStep && toStep > fromStep {
            var span: Int64 = 0
            for step in (fromStep + 1)...toStep { span += stepper.conversionTime(toStep: step) }
            self.spans.append(Double(span) / 1_000_000)
        }
    }

    mutating func merge(_ other: FunnelTally) {
        for index in self.exact.indices {
            self.exact[index] += other.exact[index]
            self.times[index] += other.times[index]
        }
        self.spans += other.spans
    }
}

/// Runs a ``FunnelsQuery`` over a project's columns.
struct FunnelRunner {
    let query: FunnelsQuery
    /// Members of the cohorts the query's filters refer to.
    var cohorts = CohortMasks()

    /// One tally per breakdown label id (a single entry, label 0, without a breakdown).
    func tally(_ gathered: FunnelEvents) -> [UInt32: FunnelTally] {
        let stepCount = self.query.steps.count
        var attributionStep: Int?
        if case .step(let step) = self.query.attribution, self.query.breakdown != nil { attributionStep = step }
        switch self.query.order {
        case .unordered:
            let stepper = UnorderedFunnelStepper(
                stepCount: stepCount, window: self.query.window, attributionStep: attributionStep)
            return self.tally(gathered, stepper: stepper)
        case .ordered, .strict:
            let stepper = FunnelStepper(
                stepCount: stepCount, window: self.query.window, strict: self.query.order == .strict,
                attributionStep: attributionStep)
            return self.tally(gathered, stepper: stepper)
        }
    }

    private func tally(_ gathered: FunnelEvents, stepper: some PersonFunnel) -> [UInt32: FunnelTally] {
        let stepCount = self.query.steps.count
        var tallies: [UInt32: FunnelTally] = [:]
        self.forEachPerson(gathered) { events, value, onlyMatching in
            let reached = stepper.run(events, propValue: value, onlyMatchingBreakdown: onlyMatching)
            guard reached >= 0 else { return }
            // Mutated in place: copying a tally out and back would copy its time lists for every person.
            tallies[value, default: FunnelTally(stepCount: stepCount)].record(
                reached: reached, stepper: stepper, fromStep: self.query.fromStep, toStep: self.query.toStep)
        }
        return tallies
    }

    /// Calls `body(events, value, onlyMatching)` for each person's run of events and each breakdown value the
    /// person is counted under (see ``propValues(_:nullID:into:)``).
    func forEachPerson(
        _ gathered: FunnelEvents, _ body: (UnsafeBufferPointer<FunnelStepper.Event>, UInt32, Bool) -> Void
    ) {
        let nullID = gathered.breakdownLabels?.nullID ?? 0
        var values: [UInt32] = []
        gathered.forEachPerson { events in
            let onlyMatching = self.propValues(events, nullID: nullID, into: &values)
            for value in values { body(events, value, onlyMatching) }
        }
    }

    /// The breakdown values a person is counted under (PostHog's `prop_vals`); true when the stepper must
    /// see only events carrying the value (`all_events`).
    private func propValues(
        _ events: UnsafeBufferPointer<FunnelStepper.Event>, nullID: UInt32, into values: inout [UInt32]
    ) -> Bool {
        values.removeAll(keepingCapacity: true)
        guard self.query.breakdown != nil else {
            values.append(0)
            return false
        }
        switch self.query.attribution {
        case .firstTouch:
            values.append(events.first { $0.breakdown != nullID }?.breakdown ?? nullID)
            return false
        case .lastTouch:
            values.append(events.last { $0.breakdown != nullID }?.breakdown ?? nullID)
            return false
        case .allEvents:
            for event in events where event.breakdown != nullID && !values.contains(event.breakdown) {
                values.append(event.breakdown)
            }
            return true
        case .step(let step):
            // Unordered funnels take the values of every event they read (PostHog's `prop_basic`, exclusions
            // included), ordered ones those of the attribution step's events.
            let anyEvent = self.query.order == .unordered
            for event in events
            where (anyEvent || event.steps & (1 << UInt32(step)) != 0) && event.breakdown != nullID
                && !values.contains(event.breakdown)
            {
                values.append(event.breakdown)
            }
            return false
        }
    }
}
