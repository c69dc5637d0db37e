import Foundation
import Synchronization
import Testing
import UsageAnalytics

@testable import UsageCollector

/// The in-memory copy in front of the flag store: reads served from memory, every write seen by the next
/// read, and writes from elsewhere seen once the copy has aged.
@Suite("Cached flag store")
struct CachedFlagStoreTests {
    /// A store that counts its reads, over a real SQLite flag store.
    final class CountingStore: FlagStore {
        let base: SQLiteFlagStore
        let reads = Mutex(0)

        init(_ base: SQLiteFlagStore) { self.base = base }
        func migrateFlags() async throws { try await base.migrateFlags() }
        func flags(project: String, includeArchived: Bool) async throws -> [StoredFlag] {
            reads.withLock { $0 += 1 }
            return try await base.flags(project: project, includeArchived: includeArchived)
        }
        func apply(_ change: FlagChange, project: String) async throws -> StoredFlag {
            try await base.apply(change, project: project)
        }
        func revisions(flagID: Int, project: String) async throws -> [FlagRevision] {
            try await base.revisions(flagID: flagID, project: project)
        }
    }

    @Test("repeated reads hit the database once; a write through the cache is seen by the next read")
    func invalidatedByWrites() async throws {
        let collector = try TestCollector()
        let sqlite = try #require(collector.collector.store as? SQLiteEventStore)
        let counting = CountingStore(SQLiteFlagStore(pool: sqlite.pool))
        let cache = CachedFlagStore(counting, maximumAge: .seconds(3_600))
        try await cache.migrateFlags()
        let created = try await cache.apply(
            .create(FeatureFlag(id: 0, key: "beta", conditions: [FlagCondition()]), at: Date()), project: "p")
        for _ in 0..<5 { #expect(try await cache.flags(project: "p", includeArchived: false).count == 1) }
        #expect(counting.reads.withLock { $0 } == 1)

        var edited = created.flag
        edited.active = false
        _ = try await cache.apply(.edit(edited, at: Date()), project: "p")
        #expect(try await cache.flags(project: "p", includeArchived: false).first?.flag.active == false)
        #expect(counting.reads.withLock { $0 } == 2)
        _ = try await cache.apply(.archive(id: created.flag.id, at: Date()), project: "p")
        #expect(try await cache.flags(project: "p", includeArchived: false).isEmpty)
        #expect(try await cache.flags(project: "p", includeArchived: true).count == 1)
    }

    @Test("a write made past the cache (another replica) is seen once the copy is older than its maximum age")
    func agesOut() async throws {
        let collector = try TestCollector()
        let sqlite = try #require(collector.collector.store as? SQLiteEventStore)
        let direct = SQLiteFlagStore(pool: sqlite.pool)
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        let cache = CachedFlagStore(direct, maximumAge: .seconds(2), now: { start + elapsed.withLock { $0 } })
        try await cache.migrateFlags()
        #expect(try await cache.flags(project: "p", includeArchived: false).isEmpty)
        _ = try await direct.apply(.create(FeatureFlag(id: 0, key: "beta"), at: Date()), project: "p")
        elapsed.withLock { $0 = .seconds(1) }
        #expect(try await cache.flags(project: "p", includeArchived: false).isEmpty)
        elapsed.withLock { $0 = .seconds(2) }
        #expect(try await cache.flags(project: "p", includeArchived: false).map(\.flag.key) == ["beta"])
    }
}
