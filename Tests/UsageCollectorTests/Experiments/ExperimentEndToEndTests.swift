import Foundation
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Synthetic exposures and metric events sent through the real capture route for a real multivariate flag;
/// the results endpoint must agree with the brute-force reference and the closed forms.
@Suite("Experiments end to end", .timeLimit(.minutes(2)))
struct ExperimentEndToEndTests {
    static let start = ISO8601Timestamp.parse("2026-11-01T00:00:00Z")!
    static let minute: Int64 = 60_000_000

    /// 400 persons split by parity, in 5 tenants per variant; test converts more often. Three persons also see
    /// the other variant, and some steps happen before exposure (they must not count).
    static func events(seed: UInt64 = 11) -> [ReferenceExperiment.RawEvent] {
        var random = SeededGenerator(seed: seed)
        var events: [ReferenceExperiment.RawEvent] = []
        for person in 0..<400 {
            let variant = person % 2 == 0 ? "control" : "newest-first"
            let tenant = "tenant-\(variant)-\(person % 5)"
            let exposed = Self.start + Int64(person) * Self.minute
            func add(_ name: String, _ at: Int64, _ extra: [String: JSONValue] = [:]) {
                var properties = extra
                properties["$groups"] = .object(["tenant": .string(tenant)])
                events.append(.init(distinctID: "person-\(person)", event: name, timestamp: at, properties: properties))
            }
            let exposure: [String: JSONValue] = [
                "$feature_flag": .string("ticket-ordering"), "$feature_flag_response": .string(variant),
            ]
            add("$feature_flag_called", exposed, exposure)
            if person < 3 {
                var other = exposure
                other["$feature_flag_response"] = .string(person % 2 == 0 ? "newest-first" : "control")
                add("$feature_flag_called", exposed + 5 * Self.minute, other)
            }
            if person % 7 == 0 { add("ticket_opened", exposed - Self.minute) }
            let rate = variant == "control" ? 0.2 : 0.32
            if random.nextUnitInterval() < 0.8 {
                add("ticket_opened", exposed + 2 * Self.minute)
                if random.nextUnitInterval() < rate / 0.8 { add("ticket_replied", exposed + 30 * Self.minute) }
            }
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                add(
                    "ticket_search", exposed + 10 * Self.minute,
                    ["results": .int(Int.random(in: 0...20, using: &random))])
            }
        }
        return events
    }

    static func send(_ events: [ReferenceExperiment.RawEvent], to client: some TestClientProtocol) async throws {
        for batch in stride(from: 0, to: events.count, by: 200) {
            let bodies = events[batch..<min(batch + 200, events.count)].map { event in
                JSONValue.object([
                    "event": .string(event.event), "distinct_id": .string(event.distinctID),
                    "uuid": .string(UUID().uuidString.lowercased()),
                    "timestamp": .string(ISO8601Timestamp.format(event.timestamp)),
                    "properties": .object(event.properties),
                ]).jsonText
            }
            let response = try await client.post("/batch/", json: Payload.batch(Array(bodies)))
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    /// Evan Miller's exact P(p_B > p_A) for Beta posteriors with integer parameters.
    static func exactProbability(_ aA: Int, _ bA: Int, _ aB: Int, _ bB: Int) -> Double {
        func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }
        return (0..<aB).reduce(0.0) { total, i in
            let i = Double(i)
            return total
                + exp(
                    logBeta(Double(aA) + i, Double(bB + bA)) - log(Double(bB) + i) - logBeta(1 + i, Double(bB))
                        - logBeta(Double(aA), Double(bA)))
        }
    }

    @Test("results agree with the reference: exposures, exclusions, conversions, P(best), SRM, sums")
    func resultsMatchReference() async throws {
        let collector = try TestCollector()
        let events = Self.events()
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            let flag = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post,
                json: ExperimentFixtures.flag())
            #expect(flag.status == .created)
            let created = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath, method: .post,
                json: ExperimentFixtures.experiment(
                    start: "2026-11-01T00:00:00Z", metric: ExperimentFixtures.funnelMetric,
                    secondary: [ExperimentFixtures.sumMetric]))
            #expect(created.status == .created)
            try await Self.send(events, to: client)

            let response = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1/results", method: .get)
            #expect(response.status == .ok)
            let results = try #require(response.json)
            let reference = ReferenceExperiment(
                flagKey: "ticket-ordering", variants: ["control", "newest-first"], groupType: nil, from: Self.start,
                to: Int64(Date().timeIntervalSince1970 * 1_000_000))
            let funnel = reference.funnel(
                events, steps: ["ticket_opened", "ticket_replied"], window: ExperimentMetric.defaultConversionWindow)
            let sums = reference.mean(events, event: "ticket_search", property: "results")
            let (control, test) = (try #require(funnel["control"]), try #require(funnel["newest-first"]))

            #expect(results[path: "aggregation"] == .string("person"))
            #expect(results[path: "exposures.multiple_variant_exclusions"] == .int(3))
            #expect(results[path: "exposures.per_variant.control"] == .int(control.exposures))
            #expect(results[path: "exposures.per_variant.newest-first"] == .int(test.exposures))
            #expect(control.exposures + test.exposures == 397)
            #expect(results[path: "primary.variants.0.key"] == .string("control"))
            #expect(results[path: "primary.variants.0.conversions"] == .int(control.conversions))
            #expect(results[path: "primary.variants.1.conversions"] == .int(test.conversions))
            #expect(results[path: "minimum_sample_reached"] == .bool(true))

            let exact = Self.exactProbability(
                1 + control.conversions, 1 + control.exposures - control.conversions, 1 + test.conversions,
                1 + test.exposures - test.conversions)
            let best = try #require(results[path: "primary.variants.1.probability_to_be_best"]?.number)
            #expect(abs(best - exact) < 1e-6, "integrated \(best) vs exact \(exact)")
            let winner: JSONValue =
                exact >= 0.95 && (results[path: "primary.variants.1.p_value"]?.number ?? 1) < 0.05
                ? .string("newest-first") : .null
            #expect(results[path: "primary.winner"] == winner)

            // SRM with one degree of freedom: p = erfc(√(χ²/2)).
            let total = Double(control.exposures + test.exposures)
            let chi = [control.exposures, test.exposures].reduce(0.0) {
                $0 + pow(Double($1) - total / 2, 2) / (total / 2)
            }
            let srm = try #require(results[path: "srm.p_value"]?.number)
            #expect(abs(srm - erfc((chi / 2).squareRoot())) < 1e-9)
            #expect(results[path: "srm.warning"] == .bool(false))

            #expect(results[path: "secondary.0.variants.0.sum"]?.number == sums["control"]?.sum)
            #expect(results[path: "secondary.0.variants.1.sum"]?.number == sums["newest-first"]?.sum)
        }
    }

    @Test("a tenant-aggregated flag counts tenants from $groups, joining exposures and metric events on the group key")
    func tenantAggregation() async throws {
        let collector = try TestCollector()
        let events = Self.events(seed: 5)
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post, json: ExperimentFixtures.flag())
            try await Self.send(events, to: client)
            let catalog = try #require(collector.collector.experimentCatalog)
            let project = TestCollector.projectKey
            let experiment = try await catalog.create(
                try #require(JSONValue.parse(Array(ExperimentFixtures.experiment(start: "2026-11-01T00:00:00Z").utf8))),
                project: project, now: Self.start)
            let flag = try #require(try await catalog.flag("ticket-ordering", project: project))
            let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
            let results = try ExperimentRunner(engine: collector.collector.insights).results(
                of: experiment, flag: flag, unit: .group(type: "tenant"), project: project, now: now)
            let reference = ReferenceExperiment(
                flagKey: "ticket-ordering", variants: ["control", "newest-first"], groupType: "tenant",
                from: Self.start,
                to: now)
            let funnel = reference.funnel(
                events, steps: ["ticket_opened", "ticket_replied"], window: ExperimentMetric.defaultConversionWindow)
            #expect(results.json[path: "aggregation"] == .string("tenant"))
            // Persons 0, 1 and 2 also see the other variant, which puts their three tenants in both: of the ten
            // tenants, seven remain.
            #expect(results.multipleVariantUnits == 3 && reference.assignments(events).mixed == 3)
            #expect(results.exposures.reduce(0, +) == 7)
            #expect(results.exposures == [funnel["control"]?.exposures ?? 0, funnel["newest-first"]?.exposures ?? 0])
            #expect(
                results.primary.variants.map(\.figures.conversions)
                    == [funnel["control"]?.conversions ?? 0, funnel["newest-first"]?.conversions ?? 0])
            #expect(!results.minimumSampleReached && results.primary.winner == nil)
        }
    }

    @Test("the unit follows the flag definition's aggregation_group_type_index, read tolerantly")
    func unitFromDefinition() throws {
        #expect(
            try ExperimentUnit(flagDefinition: ["key": "f", "filters": ["aggregation_group_type_index": .null]])
                == .person)
        #expect(
            try ExperimentUnit(flagDefinition: ["key": "f", "filters": ["aggregation_group_type_index": 0]])
                == .group(type: "tenant"))
        #expect(
            try ExperimentUnit(flagDefinition: ["key": "f", "aggregation_group_type_index": 0])
                == .group(type: "tenant"))
        #expect(throws: ExperimentDefinitionError.self) {
            try ExperimentUnit(flagDefinition: ["key": "f", "filters": ["aggregation_group_type_index": 3]])
        }
        #expect(throws: ExperimentDefinitionError.self) {
            try ExperimentUnit(flagDefinition: ["key": "f", "filters": ["aggregation_group_type_index": "tenant"]])
        }
    }
}
