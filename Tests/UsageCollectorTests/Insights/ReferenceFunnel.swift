import Foundation

@testable import UsageCollector

/// A deliberately plain transliteration of PostHog's per-person funnel (`funnel-udf/src/steps.rs`):
/// dictionaries, arrays of chains copied whole, seconds as in the original. Slow and obvious on purpose.
enum ReferenceFunnel {
    struct Event {
        let timestamp: Int64
        let uuid: UUID
        let breakdown: String?
        /// `k+1` for each step k the event matches, then `-(i+1)` for each step i an exclusion covers.
        let steps: [Int]
    }

    struct Chain {
        var start: Int64?
        var excluded = false
        var times: [Int64] = []
        var uuids: [UUID] = []
    }

    /// (furthest step 0-based or -1, times between consecutive steps in microseconds).
    static func person(
        _ events: [Event], stepCount: Int, window: Int64, strict: Bool, attributionStep: Int?,
        propValue: String?, allEvents: Bool
    ) -> (Int, [Int64]) {
        var entered = Array(repeating: Chain(), count: stepCount + 1)
        var maxStep = (0, Chain())
        let filtered = allEvents ? events.filter { $0.breakdown == propValue } : events
        var groups: [[Event]] = []
        for event in filtered {
            if let last = groups.last?.last, last.timestamp == event.timestamp {
                groups[groups.count - 1].append(event)
            } else {
                groups.append([event])
            }
        }
        func process(_ event: Event, multiple: Bool) {
            for step in event.steps.reversed() {
                let exclusion = step < 0
                let level = abs(step)
                let previous = level - 1
                let previousStart = entered[previous].start
                let inWindow = previousStart.map { event.timestamp - $0 <= window } ?? false
                let alreadyReached = entered[level].start != nil && entered[level].start == previousStart
                guard inWindow && !alreadyReached else { continue }
                if exclusion {
                    if !entered[previous].excluded {
                        entered[previous].excluded = true
                        if maxStep.0 == previous, let start = maxStep.1.start, event.timestamp - start <= window {
                            maxStep.1.excluded = true
                        }
                    }
                } else {
                    if let attributionStep, previous == attributionStep, event.breakdown != propValue { continue }
                    if multiple && entered[previous].uuids.contains(event.uuid) { continue }
                    var chain = entered[previous]
                    chain.times.append(event.timestamp)
                    chain.uuids.append(event.uuid)
                    if !entered[previous].excluded { entered[level] = chain }
                    if level > maxStep.0 || (level == maxStep.0 && maxStep.1.excluded) { maxStep = (level, chain) }
                }
            }
            if strict && !multiple {
                for level in 1...stepCount where !event.steps.contains(level) { entered[level] = Chain() }
            }
        }
        for group in groups {
            entered[0] = Chain(start: group[0].timestamp)
            if group.count == 1 || Set(group.map(\.steps)).count == 1 {
                for event in group { process(event, multiple: false) }
            } else {
                let split = group.flatMap { event in
                    event.steps.filter { $0 > 0 }.map {
                        Event(timestamp: event.timestamp, uuid: event.uuid, breakdown: event.breakdown, steps: [$0])
                    }
                }
                let ordered = split.enumerated().sorted {
                    ($0.element.steps[0], $0.offset) < ($1.element.steps[0], $1.offset)
                }
                for (_, event) in ordered { process(event, multiple: true) }
            }
            if entered[stepCount].start != nil { break }
        }
        if maxStep.1.excluded { return (-1, []) }
        let times = maxStep.1.times
        return (maxStep.0 - 1, zip(times.dropFirst(), times).map { $0 - $1 })
    }

    /// The existential definition of the furthest step, without exclusions: the largest k such that distinct
    /// events match steps 1…k in time order (ties in any order) with the last within the window of the first.
    static func furthestExistential(_ events: [Event], stepCount: Int, window: Int64) -> Int {
        var best = 0
        for (index, first) in events.enumerated() where first.steps.contains(1) {
            var used: Set<Int> = [index]
            var reached = 1
            var cursor = first.timestamp
            while reached < stepCount {
                let candidates = events.enumerated().filter { offset, event in
                    !used.contains(offset) && event.steps.contains(reached + 1) && event.timestamp >= cursor
                        && event.timestamp - first.timestamp <= window
                }
                guard let next = candidates.min(by: { $0.element.timestamp < $1.element.timestamp }) else { break }
                used.insert(next.offset)
                cursor = next.element.timestamp
                reached += 1
            }
            best = max(best, reached)
        }
        return best - 1
    }
}
