import Foundation
import Logging
import Testing

@testable import UsageCollector

/// One suite, both engines: every `ExperimentStore` keeps definitions the same way.
@Suite("ExperimentStore conformance (SQLite and PostgreSQL)", .timeLimit(.minutes(2)))
struct ExperimentStoreConformanceTests {
    private func withExperimentStore(
        _ engine: Engine, _ body: @Sendable (any ExperimentStore) async throws -> Void
    ) async throws {
        try await withStore(engine) { events in
            let store = try #require(
                Collector.experimentStore(beside: events, logger: Logger(label: "experiment-test")))
            try await store.migrateExperiments()
            try await store.migrateExperiments()  // safe to repeat on every start
            try await body(store)
        }
    }

    @Test("create assigns ids per store; a definition reads back field for field", arguments: Engine.available)
    func createAndRead(_ engine: Engine) async throws {
        try await self.withExperimentStore(engine) { store in
            let draft = try ExperimentFixtures.parsed(
                ExperimentFixtures.experiment(
                    start: "2026-11-01T00:00:00Z", metric: ExperimentFixtures.funnelMetric,
                    secondary: [ExperimentFixtures.sumMetric], minimumSample: 250))
            let first = try await store.create(draft, project: "phc_a")
            let second = try await store.create(draft, project: "phc_a")
            #expect(first.id > 0 && second.id > first.id)
            let read = try #require(try await store.experiment(id: first.id, project: "phc_a"))
            #expect(read.json == first.json)
            #expect(read.startDate == ISO8601Timestamp.parse("2026-11-01T00:00:00Z"))
            #expect(read.minimumSampleSize == 250 && read.secondaryMetrics.count == 1 && read.status == .running)
            #expect(try await store.experiment(id: first.id, project: "phc_b") == nil)
            #expect(
                try await store.experiments(project: "phc_a", includeArchived: false).map(\.id) == [
                    first.id, second.id,
                ])
        }
    }

    @Test("update replaces the definition; archived ones are listed only when asked", arguments: Engine.available)
    func updateAndArchive(_ engine: Engine) async throws {
        try await self.withExperimentStore(engine) { store in
            var created = try await store.create(try ExperimentFixtures.parsed(), project: "phc_a")
            created.name = "Renamed"
            created.archived = true
            _ = try await store.update(created, project: "phc_a")
            #expect(try await store.experiment(id: created.id, project: "phc_a")?.name == "Renamed")
            #expect(try await store.experiments(project: "phc_a", includeArchived: false).isEmpty)
            #expect(try await store.experiments(project: "phc_a", includeArchived: true).map(\.id) == [created.id])
            await #expect(throws: ExperimentStoreError.notFound(created.id)) {
                try await store.update(created, project: "phc_b")
            }
        }
    }
}
