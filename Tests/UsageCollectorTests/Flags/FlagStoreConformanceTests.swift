import Foundation
import Logging
import Testing
import UsageAnalytics

@testable import UsageCollector

/// One suite, both engines: every `FlagStore` keeps definitions, versions and revisions the same way.
@Suite("FlagStore conformance (SQLite and PostgreSQL)", .timeLimit(.minutes(2)))
struct FlagStoreConformanceTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static func flag(_ key: String = "ticket-ordering", rollout: Double = 50) -> FeatureFlag {
        FeatureFlag(id: 0, key: key, name: "Ticket order", conditions: [FlagCondition(rolloutPercentage: rollout)])
    }

    private func withFlagStore(_ engine: Engine, _ body: @Sendable (any FlagStore) async throws -> Void) async throws {
        try await withStore(engine) { events in
            let flags = try #require(Collector.flagStore(beside: events, logger: Logger(label: "flag-test")))
            try await flags.migrateFlags()
            try await flags.migrateFlags()  // the step is safe to repeat on every start
            try await body(flags)
        }
    }

    @Test(
        "creating assigns an id and version 1; editing bumps the version and keeps every revision",
        arguments: Engine.available)
    func createEditHistory(_ engine: Engine) async throws {
        try await withFlagStore(engine) { store in
            let created = try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            #expect(created.flag.id > 0 && created.flag.version == 1 && !created.archived)
            var edited = created.flag
            edited.conditions = [FlagCondition(rolloutPercentage: 80)]
            let after = try await store.apply(.edit(edited, at: Self.start.addingTimeInterval(60)), project: "phc_a")
            #expect(after.flag.version == 2)
            #expect(after.flag.conditions == [FlagCondition(rolloutPercentage: 80)])
            let listed = try await store.flags(project: "phc_a", includeArchived: false)
            #expect(listed == [after])
            let revisions = try await store.revisions(flagID: created.flag.id, project: "phc_a")
            #expect(revisions.map(\.action) == [.created, .edited])
            #expect(revisions.map(\.version) == [1, 2])
            #expect(revisions[0].flag.conditions == [FlagCondition(rolloutPercentage: 50)])
            #expect(revisions[1].changedAt == Self.start.addingTimeInterval(60))
        }
    }

    @Test("a key is unique within a project, archived flags included, and free in another", arguments: Engine.available)
    func uniqueKeys(_ engine: Engine) async throws {
        try await withFlagStore(engine) { store in
            let first = try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            await #expect(throws: FlagStoreError.keyTaken("ticket-ordering")) {
                try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            }
            _ = try await store.apply(.archive(id: first.flag.id, at: Self.start), project: "phc_a")
            await #expect(throws: FlagStoreError.keyTaken("ticket-ordering")) {
                try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            }
            let other = try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_b")
            #expect(other.flag.id != first.flag.id)
            let second = try await store.apply(.create(Self.flag("search-ranking"), at: Self.start), project: "phc_a")
            var renamed = second.flag
            renamed.key = "ticket-ordering"
            await #expect(throws: FlagStoreError.keyTaken("ticket-ordering")) {
                try await store.apply(.edit(renamed, at: Self.start), project: "phc_a")
            }
        }
    }

    @Test("archiving hides a flag, turns it off, and forbids further edits", arguments: Engine.available)
    func archive(_ engine: Engine) async throws {
        try await withFlagStore(engine) { store in
            let created = try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            let archived = try await store.apply(.archive(id: created.flag.id, at: Self.start), project: "phc_a")
            #expect(archived.archived && !archived.flag.active && archived.flag.version == 2)
            #expect(try await store.flags(project: "phc_a", includeArchived: false).isEmpty)
            #expect(try await store.flags(project: "phc_a", includeArchived: true) == [archived])
            await #expect(throws: FlagStoreError.archived(created.flag.id)) {
                try await store.apply(.edit(created.flag, at: Self.start), project: "phc_a")
            }
            await #expect(throws: FlagStoreError.archived(created.flag.id)) {
                try await store.apply(.archive(id: created.flag.id, at: Self.start), project: "phc_a")
            }
            let actions = try await store.revisions(flagID: created.flag.id, project: "phc_a").map(\.action)
            #expect(actions == [.created, .archived])
        }
    }

    @Test("another project's flag can be neither seen, edited nor archived", arguments: Engine.available)
    func projectIsolation(_ engine: Engine) async throws {
        try await withFlagStore(engine) { store in
            let created = try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            #expect(try await store.flags(project: "phc_b", includeArchived: true).isEmpty)
            #expect(try await store.revisions(flagID: created.flag.id, project: "phc_b").isEmpty)
            await #expect(throws: FlagStoreError.notFound(created.flag.id)) {
                try await store.apply(.edit(created.flag, at: Self.start), project: "phc_b")
            }
            await #expect(throws: FlagStoreError.notFound(created.flag.id)) {
                try await store.apply(.archive(id: created.flag.id, at: Self.start), project: "phc_b")
            }
            #expect(try await store.flags(project: "phc_a", includeArchived: false) == [created])
        }
    }

    @Test("eight concurrent edits of one flag get eight consecutive versions", arguments: Engine.available)
    func concurrentEdits(_ engine: Engine) async throws {
        try await withFlagStore(engine) { store in
            let created = try await store.apply(.create(Self.flag(), at: Self.start), project: "phc_a")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for rollout in 1...8 {
                    group.addTask {
                        var flag = created.flag
                        flag.conditions = [FlagCondition(rolloutPercentage: Double(rollout))]
                        _ = try await store.apply(.edit(flag, at: Self.start), project: "phc_a")
                    }
                }
                try await group.waitForAll()
            }
            let revisions = try await store.revisions(flagID: created.flag.id, project: "phc_a")
            #expect(revisions.map(\.version) == Array(1...9))
            let rollouts = Set(revisions.dropFirst().compactMap { $0.flag.conditions.first?.rolloutPercentage })
            #expect(rollouts == Set((1...8).map(Double.init)))
        }
    }
}
