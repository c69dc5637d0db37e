import Foundation
import Logging
import PropertyBased
import Testing

@testable import UsageCollector

/// The engine against the reference on random event sets, on both stores: every query kind, field for field,
/// after appends in random commit order, after a deletion, and after a rebuild from the store.
@Suite("Insights engine matches the reference (SQLite and PostgreSQL)", .timeLimit(.minutes(5)))
struct InsightsEngineComparisonTests {
    static let now = RandomInsightCase.base + 10 * 86_400_000_000

    @Test("random events and queries: engine == reference", arguments: Engine.available)
    func randomCases(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            let insights = try await Self.readyEngine(store)
            let projected = ProjectingEventStore(base: store, engine: insights)
            var lastProject: String?
            var lastQueries: [InsightQuery] = []
            var lastCohorts: [RandomCohort] = []
            await propertyCheck(count: 150, input: RandomInsightCase.generator) { testCase in
                var start = 0
                for size in testCase.chunkSizes {
                    _ = try await projected.insert(Array(testCase.events[start..<(start + size)]))
                    start += size
                }
                // Committing a chunk again stores nothing new and must not double the projection.
                if let again = testCase.events.first { _ = try await projected.insert([again]) }
                if let deletion = testCase.deletion { _ = try await projected.delete(deletion) }
                let project = testCase.events.first?.project ?? "phc_empty"
                let queries = try [testCase.funnel, testCase.funnelTrend, testCase.trends, testCase.retention].map {
                    try InsightQuery.parse(body: Array($0.utf8))
                }
                var reference = try await ReferenceInsights.load(store, project: project)
                let cohorts = try Self.cohorts(
                    testCase.cohorts, engine: insights, reference: &reference, project: project)
                for query in queries {
                    try Self.compare(
                        query, engine: insights, reference: reference, project: project, cohorts: cohorts,
                        context: testCase.description)
                }
                lastProject = project
                lastQueries = queries
                lastCohorts = testCase.cohorts
            }
            // A restart rebuilds the same projection from the store.
            let rebuilt = try await Self.readyEngine(store)
            if let project = lastProject {
                var reference = try await ReferenceInsights.load(store, project: project)
                let cohorts = try Self.cohorts(lastCohorts, engine: rebuilt, reference: &reference, project: project)
                for query in lastQueries {
                    try Self.compare(
                        query, engine: rebuilt, reference: reference, project: project, cohorts: cohorts,
                        context: "after rebuild")
                }
            }
            #expect(rebuilt.footprint.events == insights.footprint.events)
        }
    }

    static func readyEngine(_ store: any EventStore) async throws -> InsightsEngine {
        let engine = InsightsEngine(store: store, logger: Logger(label: "insights-test"))
        engine.storeIsMigrated()
        try await engine.rebuild()
        return engine
    }

    /// The engine's members of each cohort over its current columns, and the reference's, set on `reference`.
    static func cohorts(
        _ cohorts: [RandomCohort], engine: InsightsEngine, reference: inout ReferenceInsights, project: String
    ) throws -> CohortMasks {
        let columns = try engine.snapshot(project: project)
        var masks = CohortMasks()
        for cohort in cohorts {
            masks.names[cohort.id] = "Cohort \(cohort.id)"
            masks.masks[cohort.id] =
                cohort.staticMembers.map { CohortMembership.members(ofStatic: $0, columns: columns) }
                ?? CohortMembership.members(of: cohort.criteria!, columns: columns, now: Self.now)
            reference.cohorts[cohort.id] = ReferenceCohorts.members(cohort, events: reference.events, now: Self.now)
        }
        return masks
    }

    static func compare(
        _ query: InsightQuery, engine: InsightsEngine, reference: ReferenceInsights, project: String,
        cohorts: CohortMasks, context: String
    ) throws {
        let answer = try InsightsEngine.answer(
            query, columns: try engine.snapshot(project: project), now: Self.now, cohorts: cohorts)
        guard let breakdown = query.cohortBreakdown else {
            Self.compare(query, answer: answer, reference: reference, context: context)
            return
        }
        // A cohort breakdown is, per cohort, the answer over its members alone.
        for cohort in breakdown.cohorts {
            let rows = EngineAnswer.items(answer).filter { row in
                let first = EngineAnswer.items(row).first ?? row
                return EngineAnswer.field(first, "breakdown_value") == .int(cohort)
            }
            let part: JSONValue
            if case .funnels(let funnel) = query, funnel.visualization == .steps {
                #expect(rows.count == 1, "cohort \(cohort) \(context)")
                part = rows.first ?? .array([])
            } else {
                part = .array(rows)
            }
            Self.compare(
                ReferenceCohorts.restricted(query, to: cohort), answer: part, reference: reference,
                context: "cohort \(cohort) \(context)")
        }
    }

    static func compare(_ query: InsightQuery, answer: JSONValue, reference: ReferenceInsights, context: String) {
        switch query {
        case .funnels(let funnel) where funnel.visualization == .trends:
            let expected = reference.funnelTrend(funnel, now: Self.now)
            #expect(EngineAnswer.funnelTrendRows(answer) == expected, "\(context)")
        case .funnels(let funnel):
            let expected = reference.funnel(funnel, now: Self.now)
            let actual = EngineAnswer.funnelRows(answer, breakdown: funnel.breakdown != nil)
            let nonEmpty = actual.filter { $0.value.counts.contains { $0 > 0 } }
            #expect(Set(nonEmpty.keys) == Set(expected.keys), "\(context)")
            for (label, row) in expected {
                guard let engineRow = actual[label] else { continue }
                #expect(engineRow.counts == row.counts, "\(label) \(context)")
                #expect(EngineAnswer.close(engineRow.averages, row.averages), "\(label) averages \(context)")
                #expect(EngineAnswer.close(engineRow.medians, row.medians), "\(label) medians \(context)")
            }
            // The existential definition equals PostHog's only without repeated step events: with them, a
            // step-1 event restarts the chain before an event at the same instant could extend the old one.
            if funnel.breakdown == nil && funnel.exclusions.isEmpty && funnel.order == .ordered
                && funnel.steps.allSatisfy(\.predicate.isAlways)
                && Set(funnel.steps.map(\.event)).count == funnel.steps.count
            {
                #expect(
                    actual[""]?.counts ?? [] == EngineAnswer.existentialCounts(reference, funnel, now: Self.now),
                    "\(context)")
            }
        case .trends(let trends):
            let expected = reference.trends(trends, now: Self.now)
            let actual = EngineAnswer.trendRows(answer, totalValue: trends.totalValue)
            #expect(actual.map(\.breakdown) == expected.map(\.breakdown), "\(context)")
            #expect(actual.map(\.series) == expected.map(\.series), "\(context)")
            for (left, right) in zip(actual, expected) {
                #expect(
                    EngineAnswer.close(left.data.map(Optional.some), right.data.map(Optional.some)),
                    "\(left) vs \(right) \(context)")
                #expect(left.compare == right.compare)
            }
        case .retention(let retention):
            #expect(EngineAnswer.retentionTable(answer) == reference.retention(retention, now: Self.now), "\(context)")
        }
    }
}
