import Foundation

/// Plain transliterations of PostHog's funnel trends for one person (`funnel-udf/src/trends.rs` and
/// `unordered_trends.rs`): dictionaries keyed by the start of each entry period, chains copied whole.
/// Each returns, per period the person counts in, whether they converted.
enum ReferenceFunnelTrend {
    struct Setup {
        let stepCount: Int
        let window: Int64
        let strict: Bool
        let attributionStep: Int?
        /// 1-based: the step that counts a period, the step that converts it.
        let fromStep: Int
        let toStep: Int
        let periodStart: (Int64) -> Int64
    }

    static func ordered(_ events: [ReferenceFunnel.Event], _ setup: Setup, propValue: String?) -> [Int64: Bool] {
        struct Entered {
            var start: Int64?
            var excluded = false
        }
        struct Period {
            var maxStep: Int
            var maxTime: Int64
            var exclusion: String  // "not", "partial" or "full"
            var entered: [Entered]
        }
        var periods: [Int64: Period] = [:]
        var results: [Int64: Bool] = [:]
        for event in events {
            let key = setup.periodStart(event.timestamp)
            for step in event.steps.reversed() {
                let exclusion = step < 0
                let level = abs(step)
                let unattributed = setup.attributionStep == level - 1 && event.breakdown != propValue
                if level == 1 {
                    guard !unattributed, results[key] == nil else { continue }
                    if let period = periods[key], !(period.maxStep == 1 && period.exclusion != "not") {
                        periods[key]!.entered[1] = Entered(start: event.timestamp)
                    } else {
                        var entered = Array(repeating: Entered(), count: setup.stepCount + 1)
                        entered[1] = Entered(start: event.timestamp)
                        periods[key] = Period(maxStep: 1, maxTime: event.timestamp, exclusion: "not", entered: entered)
                    }
                    continue
                }
                for periodKey in periods.keys.sorted() {
                    var period = periods[periodKey]!
                    let previous = period.entered[level - 1]
                    let inWindow = previous.start.map { event.timestamp - $0 <= setup.window } ?? false
                    guard inWindow, period.entered[level].start != previous.start else { continue }
                    if exclusion {
                        if !previous.excluded {
                            period.entered[level - 1].excluded = true
                            if period.maxStep == level - 1 && event.timestamp - period.maxTime <= setup.window {
                                period.exclusion = "partial"
                            }
                        }
                    } else if !unattributed {
                        if !previous.excluded { period.entered[level] = Entered(start: previous.start) }
                        if period.entered[setup.toStep].start != nil {
                            results[periodKey] = true
                            periods[periodKey] = nil
                            continue
                        }
                        if level > period.maxStep || (level == period.maxStep && period.exclusion == "partial") {
                            period.maxStep = level
                            period.maxTime = event.timestamp
                            period.exclusion = previous.excluded ? "full" : "not"
                        }
                    }
                    periods[periodKey] = period
                }
            }
            if setup.strict {
                for periodKey in periods.keys {
                    for level in 1...setup.stepCount where !event.steps.contains(level) {
                        periods[periodKey]!.entered[level] = Entered()
                    }
                }
            }
        }
        if !periods.values.contains(where: { $0.exclusion == "full" }) {
            for (key, period) in periods
            where results[key] == nil && period.maxStep >= setup.fromStep && period.exclusion != "partial" {
                results[key] = false
            }
        }
        return results
    }

    static func unordered(_ events: [ReferenceFunnel.Event], _ setup: Setup, propValue: String?) -> [Int64: Bool] {
        var queues: [[ReferenceFunnel.Event]] = Array(repeating: [], count: setup.stepCount)
        var furthest: [Int64: Int] = [:]
        var completed: Int { queues.filter { !$0.isEmpty }.count }
        func dropOldest(_ event: ReferenceFunnel.Event, last: Bool) {
            while true {
                let fronts = queues.indices.compactMap { step in queues[step].first.map { (step, $0) } }
                guard let oldest = fronts.min(by: { ($0.1.timestamp, $0.0) < ($1.1.timestamp, $1.0) }) else { return }
                let done = completed >= setup.stepCount
                guard last || done || oldest.1.timestamp + setup.window < event.timestamp else { return }
                let key = setup.periodStart(oldest.1.timestamp)
                if furthest[key].map({ completed > $0 }) ?? true { furthest[key] = completed }
                queues[oldest.0].removeFirst()
            }
        }
        for (index, event) in events.enumerated() {
            dropOldest(event, last: false)
            if event.steps.allSatisfy({ $0 < 0 }) {
                queues = Array(repeating: [], count: setup.stepCount)
            } else {
                let candidates = event.steps.filter { $0 > 0 }.map { $0 - 1 }
                let chosen = candidates.min { (queues[$0].last?.timestamp ?? 0) < (queues[$1].last?.timestamp ?? 0) }!
                let blocked = setup.attributionStep.map { completed == $0 && event.breakdown != propValue } ?? false
                if !blocked { queues[chosen].append(event) }
            }
            if index == events.count - 1 { dropOldest(event, last: true) }
        }
        return furthest.filter { $0.value >= setup.fromStep }.mapValues { $0 >= setup.toStep }
    }
}
