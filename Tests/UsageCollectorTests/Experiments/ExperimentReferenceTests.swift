import Foundation
import Testing

@testable import UsageCollector

/// The engine scan and the tally against ``ReferenceExperiment`` on random synthetic events: ties, repeated
/// steps, units exposed to two variants, exposures outside the window or to another flag, events without a
/// `$groups` entry, and non-numeric property values.
@Suite("Experiment analysis against a brute-force reference")
struct ExperimentReferenceTests {
    static let hour: Int64 = 3_600_000_000
    static let variants = ["control", "test", "other"]

    /// Random events for `units` distinct ids spread over 8 tenants, timestamps on whole hours (many ties).
    static func events(seed: UInt64, units: Int = 60) -> [ReferenceExperiment.RawEvent] {
        var random = SeededGenerator(seed: seed)
        var events: [ReferenceExperiment.RawEvent] = []
        for unit in 0..<units {
            let person = "person-\(unit)"
            let tenantIndex = Int.random(in: 0..<8, using: &random)
            let tenant = "tenant-\(tenantIndex)"
            for _ in 0..<Int.random(in: 0...14, using: &random) {
                var properties: [String: JSONValue] = [:]
                if Int.random(in: 0..<10, using: &random) > 0 {
                    properties["$groups"] = .object(["tenant": .string(tenant)])
                }
                let name: String
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<3:
                    name = "$feature_flag_called"
                    properties["$feature_flag"] = .string(Int.random(in: 0..<6, using: &random) == 0 ? "other" : "exp")
                    let responses = ["control", "control", "test", "test", "other", "false"]
                    // Most persons stick to their tenant's variant (as a tenant-aggregated flag gives); some see two.
                    let pick =
                        Int.random(in: 0..<8, using: &random) == 0
                        ? Int.random(in: 0..<6, using: &random) : tenantIndex % 5
                    properties["$feature_flag_response"] = .string(responses[pick])
                case 3..<5: name = "step_a"
                case 5..<7: name = "step_b"
                default:
                    name = "purchase"
                    let amounts: [JSONValue] = [.int(3), .double(12.5), .string("7"), .string("lots"), .null]
                    properties["amount"] = amounts[Int.random(in: 0..<amounts.count, using: &random)]
                }
                events.append(
                    .init(
                        distinctID: person, event: name,
                        timestamp: Int64.random(in: 0...100, using: &random) * Self.hour,
                        properties: properties))
            }
        }
        return events
    }

    static func columns(_ events: [ReferenceExperiment.RawEvent]) -> ProjectColumns {
        var columns = ProjectColumns()
        for event in events {
            columns.append(
                EventRecord(
                    project: "phc", uuid: UUID(), event: event.event, distinctID: event.distinctID,
                    timestamp: event.timestamp, properties: JSONValue.object(event.properties).jsonText, receivedAt: 0))
        }
        return columns
    }

    static func metric(_ json: String) throws -> ExperimentMetric {
        try ExperimentMetric(json: try #require(JSONValue.parse(Array(json.utf8))), path: "metric")
    }

    @Test("exposures, exclusions, funnel conversions, counts and sums match", arguments: [nil, "tenant"], 1...12)
    func matchesReference(groupType: String?, seed: Int) throws {
        let events = Self.events(seed: UInt64(seed))
        let reference = ReferenceExperiment(
            flagKey: "exp", variants: Self.variants, groupType: groupType, from: 10 * Self.hour, to: 80 * Self.hour)
        let window = 20 * Self.hour
        let metrics = [
            try Self.metric(
                #"{"metric_type": "funnel", "series": [{"event": "step_a"}, {"event": "step_b"}], "conversion_window": 20, "conversion_window_unit": "hour"}"#
            ),
            try Self.metric(
                #"{"metric_type": "funnel", "series": [{"event": "step_a"}, {"event": "step_a"}, {"event": "step_b"}], "conversion_window": 20, "conversion_window_unit": "hour"}"#
            ),
            try Self.metric(#"{"metric_type": "mean", "source": {"event": "purchase"}}"#),
            try Self.metric(
                #"{"metric_type": "mean", "source": {"event": "purchase", "math": "sum", "math_property": "amount"}}"#),
        ]
        let request = ExperimentScanRequest(
            flagKey: "exp", unit: groupType.map { .group(type: $0) } ?? .person, from: reference.from, to: reference.to,
            metricsTo: reference.to,
            metricSeries: metrics.map {
                switch $0.measure {
                case .funnel(let steps): steps
                case .mean(let source): [source]
                }
            },
            sumProperties: [nil, nil, nil, "amount"])
        let observations = Self.columns(events).experimentObservations(request)
        let tally = ExperimentTally(exposures: observations.exposures, variants: Self.variants)

        let (units, mixed) = reference.assignments(events)
        #expect(tally.multipleVariantUnits == mixed)
        #expect(tally.assignments.mapValues(\.variant).mapValues { Self.variants[$0] } == units.mapValues(\.variant))
        let expected = [
            reference.funnel(events, steps: ["step_a", "step_b"], window: window),
            reference.funnel(events, steps: ["step_a", "step_a", "step_b"], window: window),
            reference.mean(events, event: "purchase", property: nil),
            reference.mean(events, event: "purchase", property: "amount"),
        ]
        for (index, metric) in metrics.enumerated() {
            let figures = tally.figures(of: metric, events: observations.metricEvents[index], end: reference.to)
            for (variant, key) in Self.variants.enumerated() {
                let want = expected[index][key] ?? .init()
                #expect(figures[variant].exposures == want.exposures, "metric \(index) \(key)")
                #expect(figures[variant].conversions == want.conversions, "metric \(index) \(key)")
                #expect(abs(figures[variant].sum - want.sum) < 1e-9, "metric \(index) \(key)")
            }
        }
        #expect(tally.exposures.reduce(0, +) > 0)
    }

    @Test("the funnel stepper keeps an event able to serve a later step for it when timestamps tie")
    func tiedSteps() {
        typealias Event = ExperimentObservations.MetricEvent
        // Both events at one instant: one matches steps 1 and 2, the other only step 1.
        let events = [
            Event(unit: "u", timestamp: 5, tiebreak: 1, steps: 0b11, value: 1),
            Event(unit: "u", timestamp: 5, tiebreak: 2, steps: 0b01, value: 1),
        ]
        #expect(ExperimentTally.completes(steps: 2, events))
        #expect(!ExperimentTally.completes(steps: 3, events))
        #expect(!ExperimentTally.completes(steps: 2, [events[1]]))
    }
}
