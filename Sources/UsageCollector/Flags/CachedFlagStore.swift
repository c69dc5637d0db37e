import Foundation
import Synchronization
import UsageAnalytics

/// A flag store that keeps each project's flags in memory, so `/flags` and the local-evaluation endpoint
/// do not read the database on every request.
///
/// Every write through this store drops the project's copy, so the next read sees it at once. Writes made
/// by another process on the same PostgreSQL database (another collector replica) are seen when the copy
/// is older than ``maximumAge``.
public final class CachedFlagStore: FlagStore, Sendable {
    /// How long a copy is served before it is read again, for writes this process did not make.
    public let maximumAge: Duration

    private struct Key: Hashable {
        let project: String
        let includeArchived: Bool
    }

    private struct Copy {
        let flags: [StoredFlag]
        let readAt: ContinuousClock.Instant
    }

    private struct State {
        var copies: [Key: Copy] = [:]
        /// Bumped by every write, so a read that raced a write never stores what it read before it.
        var generation = 0
    }

    private let store: any FlagStore
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(State())

    /// A cache over `store`.
    /// - Parameters:
    ///   - store: The durable store.
    ///   - maximumAge: How long a copy is served, for writes made elsewhere.
    ///   - now: The clock that ages copies.
    public init(
        _ store: any FlagStore, maximumAge: Duration = .seconds(2),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.store = store
        self.maximumAge = maximumAge
        self.now = now
    }

    public func migrateFlags() async throws {
        try await store.migrateFlags()
    }

    public func flags(project: String, includeArchived: Bool) async throws -> [StoredFlag] {
        let key = Key(project: project, includeArchived: includeArchived)
        let instant = now()
        let (cached, generation) = state.withLock { state in
            (state.copies[key].flatMap { instant - $0.readAt < maximumAge ? $0.flags : nil }, state.generation)
        }
        if let cached { return cached }
        let flags = try await store.flags(project: project, includeArchived: includeArchived)
        state.withLock { state in
            guard state.generation == generation else { return }
            state.copies[key] = Copy(flags: flags, readAt: instant)
        }
        return flags
    }

    public func apply(_ change: FlagChange, project: String) async throws -> StoredFlag {
        defer { invalidate() }
        return try await store.apply(change, project: project)
    }

    public func revisions(flagID: Int, project: String) async throws -> [FlagRevision] {
        try await store.revisions(flagID: flagID, project: project)
    }

    /// Drops every copy; the next read of each project goes to the database.
    private func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.copies.removeAll()
        }
    }
}
