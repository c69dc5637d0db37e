import Foundation

/// A plain transliteration of PostHog's unordered funnel (`funnel-udf/src/unordered_steps.rs`): one queue of
/// events per step, whole arrays, the oldest event found by sorting. Slow and obvious on purpose.
enum ReferenceUnorderedFunnel {
    /// (furthest step 0-based or -1, times between consecutive steps in microseconds).
    static func person(
        _ events: [ReferenceFunnel.Event], stepCount: Int, window: Int64, attributionStep: Int?,
        propValue: String?, allEvents: Bool
    ) -> (Int, [Int64]) {
        var queues: [[ReferenceFunnel.Event]] = Array(repeating: [], count: stepCount)
        var furthest: (steps: Int, times: [Int64]) = (0, [])
        var completed: Int { queues.filter { !$0.isEmpty }.count }
        func record() {
            guard completed > furthest.steps else { return }
            furthest = (completed, queues.compactMap { $0.first?.timestamp }.sorted())
        }
        let considered = allEvents ? events.filter { $0.breakdown == propValue } : events
        for (index, event) in considered.enumerated() {
            while true {
                let fronts = queues.indices.compactMap { step in queues[step].first.map { (step, $0.timestamp) } }
                guard let oldest = fronts.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { break }
                if completed < stepCount && oldest.1 + window >= event.timestamp { break }
                record()
                queues[oldest.0].removeFirst()
            }
            if event.steps.allSatisfy({ $0 < 0 }) {
                queues = Array(repeating: [], count: stepCount)
            } else {
                let candidates = event.steps.filter { $0 > 0 }.map { $0 - 1 }
                let chosen = candidates.min { (queues[$0].last?.timestamp ?? 0) < (queues[$1].last?.timestamp ?? 0) }!
                let blocked = attributionStep.map { completed == $0 && event.breakdown != propValue } ?? false
                if !blocked { queues[chosen].append(event) }
            }
            if furthest.steps == stepCount { break }
            if index == considered.count - 1 { record() }
        }
        return (furthest.steps - 1, zip(furthest.times.dropFirst(), furthest.times).map { $0 - $1 })
    }
}
