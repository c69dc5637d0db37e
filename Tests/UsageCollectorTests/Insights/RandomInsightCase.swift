import Foundation
import PropertyBased

@testable import UsageCollector

/// One random property-test case: events with ties, late arrivals and missing properties, the order and
/// chunks they are committed in, an optional deletion, and one query of each kind as PostHog JSON.
struct RandomInsightCase: Sendable, CustomStringConvertible {
    static let base: Int64 = 1_767_225_600_000_000  // 2026-01-01T00:00:00Z
    static let names = ["a", "b", "c", "d"]

    var events: [EventRecord]
    var chunkSizes: [Int]
    var deletion: EventFilter?
    var funnel: String
    var funnelTrend: String
    var trends: String
    var retention: String
    /// Cohorts 1 and 2, which the queries' cohort filters and breakdowns name.
    var cohorts: [RandomCohort]

    var description: String {
        "events: \(self.events.map { "\($0.distinctID) \($0.event) +\(($0.timestamp - Self.base) / 60_000_000)m \($0.properties)" })\n"
            + "cohorts: \(self.cohorts)\ndeletion: \(String(describing: self.deletion))\nfunnel: \(self.funnel)\nfunnel trend: \(self.funnelTrend)\ntrends: \(self.trends)\nretention: \(self.retention)"
    }

    static let generator = Generator<RandomInsightCase, _> { rng in Self.make(&rng) }

    static func make(_ rng: inout some RandomNumberGenerator) -> RandomInsightCase {
        let project = "phc_case_\(UInt64.random(in: 0...UInt64.max, using: &rng))"
        let personCount = Int.random(in: 1...6, using: &rng)
        let events = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            var properties: [String] = []
            switch Int.random(in: 0...5, using: &rng) {
            case 0: break
            case 1: properties.append(#""plan": null"#)
            case 2: properties.append(#""plan": """#)
            default: properties.append(#""plan": "\#(["free", "pro", "team"].randomElement(using: &rng)!)""#)
            }
            switch Int.random(in: 0...3, using: &rng) {
            case 0: break
            case 1: properties.append(#""n": "\#(Int.random(in: 0...9, using: &rng))""#)
            default: properties.append(#""n": \#(Double(Int.random(in: 0...20, using: &rng)) / 2)"#)
            }
            // Half-hour steps over three days: many events share a timestamp.
            let slot = Int64.random(in: 0..<144, using: &rng)
            return EventRecord(
                project: project, uuid: UUID(), event: Self.names.randomElement(using: &rng)!,
                distinctID: "u\(Int.random(in: 0..<personCount, using: &rng))",
                timestamp: Self.base + slot * 1_800_000_000,
                properties: "{" + properties.joined(separator: ", ") + "}", receivedAt: Self.base)
        }.shuffled(using: &rng)
        var chunkSizes: [Int] = []
        var remaining = events.count
        while remaining > 0 {
            let size = Int.random(in: 1...max(1, remaining), using: &rng)
            chunkSizes.append(size)
            remaining -= size
        }
        var deletion: EventFilter?
        switch Int.random(in: 0...3, using: &rng) {
        case 0: deletion = EventFilter(project: project, distinctID: "u\(Int.random(in: 0..<personCount, using: &rng))")
        case 1: deletion = EventFilter(to: Self.base + Int64.random(in: 0..<48, using: &rng) * 1_800_000_000)
        default: break
        }
        return RandomInsightCase(
            events: events, chunkSizes: chunkSizes, deletion: deletion, funnel: Self.funnel(&rng, trend: false),
            funnelTrend: Self.funnel(&rng, trend: true),
            trends: Self.trends(&rng), retention: Self.retention(&rng),
            cohorts: [1, 2].map { RandomCohort.make(id: $0, personCount: personCount, &rng) })
    }

    static let dateRange = #"{"date_from": "2026-01-01", "date_to": "2026-01-03"}"#

    static func breakdown(_ rng: inout some RandomNumberGenerator) -> String? {
        guard Bool.random(using: &rng) else { return nil }
        if Int.random(in: 0...2, using: &rng) == 0 { return Self.cohortBreakdown(&rng) }
        return #"{"breakdown": "plan", "breakdown_limit": \#(Int.random(in: 1...4, using: &rng))}"#
    }

    /// A breakdown by some of cohorts 0 (all users), 1 and 2.
    static func cohortBreakdown(_ rng: inout some RandomNumberGenerator) -> String {
        let ids = [0, 1, 2].filter { _ in Bool.random(using: &rng) }
        return #"{"breakdown_type": "cohort", "breakdown": \#(ids.isEmpty ? [1] : ids)}"#
    }

    /// `, "properties": [...]` with a cohort filter (one time in three), sometimes negated.
    static func cohortFilter(_ rng: inout some RandomNumberGenerator) -> String {
        guard Int.random(in: 0...2, using: &rng) == 0 else { return "" }
        let operatorName = Bool.random(using: &rng) ? "in" : "not_in"
        return
            #", "properties": [{"type": "cohort", "key": "id", "value": \#(Int.random(in: 1...2, using: &rng)), "operator": "\#(operatorName)"}]"#
    }

    /// A funnel over steps a–c; with `trend`, a funnel trend (two steps or more) by hour, day or week, sometimes
    /// between other steps than the first and the last.
    static func funnel(_ rng: inout some RandomNumberGenerator, trend: Bool) -> String {
        let steps = (0..<Int.random(in: (trend ? 2 : 1)...4, using: &rng)).map { _ in
            Self.names.dropLast().randomElement(using: &rng)!
        }
        let series = steps.map { step in
            Int.random(in: 0...4, using: &rng) == 0
                ? #"{"kind": "EventsNode", "event": "\#(step)", "properties": [{"key": "n", "value": 3, "operator": "gte"}]}"#
                : #"{"kind": "EventsNode", "event": "\#(step)"}"#
        }
        let order = ["ordered", "strict", "unordered"].randomElement(using: &rng)!
        var filter = [
            #""funnelOrderType": "\#(order)""#,
            #""funnelWindowInterval": \#(Int.random(in: 1...30, using: &rng))"#,
            #""funnelWindowIntervalUnit": "\#(["hour", "day", "minute"].randomElement(using: &rng)!)""#,
        ]
        if steps.count > 1 && Bool.random(using: &rng) {
            // Unordered funnels take only exclusions over the whole funnel.
            let from = order == "unordered" ? 0 : Int.random(in: 0..<(steps.count - 1), using: &rng)
            let to =
                order == "unordered" ? steps.count - 1 : Int.random(in: (from + 1)...(steps.count - 1), using: &rng)
            filter.append(
                #""exclusions": [{"kind": "EventsNode", "event": "d", "funnelFromStep": \#(from), "funnelToStep": \#(to)}]"#
            )
        }
        let attribution = ["first_touch", "last_touch", "all_events", "step"].randomElement(using: &rng)!
        filter.append(#""breakdownAttributionType": "\#(attribution)""#)
        let attributionStep = order == "unordered" ? 0 : Int.random(in: 0..<steps.count, using: &rng)
        filter.append(#""breakdownAttributionValue": \#(attributionStep)"#)
        var extras = Self.breakdown(&rng).map { #", "breakdownFilter": \#($0)"# } ?? ""
        extras += Self.cohortFilter(&rng)
        if trend {
            filter.append(#""funnelVizType": "trends""#)
            extras += #", "interval": "\#(["hour", "day", "week"].randomElement(using: &rng)!)""#
            if steps.count > 2 && Bool.random(using: &rng) {
                let from = Int.random(in: 0..<(steps.count - 1), using: &rng)
                let to = Int.random(in: (from + 1)...(steps.count - 1), using: &rng)
                filter.append(#""funnelFromStep": \#(from), "funnelToStep": \#(to)"#)
            }
        }
        return
            #"{"kind": "FunnelsQuery", "series": [\#(series.joined(separator: ", "))], "dateRange": \#(Self.dateRange), "#
            + #""funnelsFilter": {\#(filter.joined(separator: ", "))}\#(extras)}"#
    }

    static func trends(_ rng: inout some RandomNumberGenerator) -> String {
        let maths = ["total", "dau", "weekly_active", "monthly_active", "sum", "avg", "min", "max", "median", "p90"]
        let totalValue = Int.random(in: 0...3, using: &rng) == 0
        let series = (0..<Int.random(in: 1...2, using: &rng)).map { _ in
            let math = maths.dropLast(totalValue ? 0 : 0).filter { !totalValue || !$0.contains("_active") }
                .randomElement(using: &rng)!
            let event = Bool.random(using: &rng) ? #""\#(Self.names.randomElement(using: &rng)!)""# : "null"
            return
                #"{"kind": "EventsNode", "event": \#(event), "math": "\#(math)", "math_property": "n"\#(Self.cohortFilter(&rng))}"#
        }
        let interval = ["hour", "day", "week", "month"].randomElement(using: &rng)!
        var extras = ""
        if let breakdown = Self.breakdown(&rng) { extras += #", "breakdownFilter": \#(breakdown)"# }
        if Bool.random(using: &rng) { extras += #", "compareFilter": {"compare": true}"# }
        if totalValue { extras += #", "trendsFilter": {"display": "BoldNumber"}"# }
        if Int.random(in: 0...3, using: &rng) == 0 {
            extras += #", "properties": [{"key": "plan", "value": "pro", "operator": "is_not"}]"#
        } else {
            extras += Self.cohortFilter(&rng)
        }
        return #"{"kind": "TrendsQuery", "series": [\#(series.joined(separator: ", "))], "interval": "\#(interval)", "#
            + #""dateRange": \#(Self.dateRange)\#(extras)}"#
    }

    static func retention(_ rng: inout some RandomNumberGenerator) -> String {
        let target = Self.names.randomElement(using: &rng)!
        let returning = Self.names.randomElement(using: &rng)!
        return #"{"kind": "RetentionQuery", "dateRange": {"date_to": "2026-01-03"}, "retentionFilter": {"#
            + #""targetEntity": {"id": "\#(target)", "type": "events"}, "returningEntity": {"id": "\#(returning)", "type": "events"}, "#
            + #""period": "\#(["Hour", "Day"].randomElement(using: &rng)!)", "totalIntervals": \#(Int.random(in: 1...6, using: &rng)), "#
            + #""retentionType": "\#(Bool.random(using: &rng) ? "retention_recurring" : "retention_first_time")", "#
            + #""cumulative": \#(Bool.random(using: &rng))}"#
            + (Bool.random(using: &rng) ? #", "breakdownFilter": \#(Self.cohortBreakdown(&rng))"# : "")
            + Self.cohortFilter(&rng) + "}"
    }
}
