import Foundation
import Synchronization

@testable import UsageCollector

/// Wraps a store: inserts can be held at a gate, made to fail, and are recorded by size.
final class ControlledStore: EventStore {
    private struct State {
        var gateOpen = true
        var gateWaiters: [CheckedContinuation<Void, Never>] = []
        var failInserts = false
        var commitSizes: [Int] = []
    }

    let base: any EventStore
    private let state = Mutex(State())
    /// Yields once each time an insert reaches the gate.
    let insertStarted: AsyncStream<Void>
    private let insertStartedContinuation: AsyncStream<Void>.Continuation

    init(base: any EventStore, gateOpen: Bool = true, failInserts: Bool = false) {
        self.base = base
        (self.insertStarted, self.insertStartedContinuation) = AsyncStream.makeStream()
        self.state.withLock {
            $0.gateOpen = gateOpen
            $0.failInserts = failInserts
        }
    }

    var commitSizes: [Int] { self.state.withLock { $0.commitSizes } }

    func openGate() {
        let waiters = self.state.withLock { state in
            state.gateOpen = true
            defer { state.gateWaiters = [] }
            return state.gateWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func migrate() async throws { try await self.base.migrate() }

    func insert(_ events: [EventRecord]) async throws -> Int {
        try await self.insertReturningNew(batches: [events]).count
    }

    func insertReturningNew(batches: [[EventRecord]]) async throws -> [EventRecord] {
        let events = Array(batches.joined())
        self.insertStartedContinuation.yield()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = self.state.withLock { state in
                if !state.gateOpen { state.gateWaiters.append(continuation) }
                return state.gateOpen
            }
            if open { continuation.resume() }
        }
        let fail = self.state.withLock { state in
            state.commitSizes.append(events.count)
            return state.failInserts
        }
        if fail { throw CocoaError(.fileWriteUnknown) }
        return try await self.base.insertReturningNew(batches: [events])
    }

    func delete(_ filter: EventFilter) async throws -> Int { try await self.base.delete(filter) }
    func count(_ filter: EventFilter) async throws -> Int { try await self.base.count(filter) }
    func events(_ filter: EventFilter, after cursor: EventCursor?, limit: Int) async throws -> [EventRecord] {
        try await self.base.events(filter, after: cursor, limit: limit)
    }
    func checkHealth() async throws { try await self.base.checkHealth() }
}

/// A migrated SQLite store in a new temporary directory.
func temporarySQLiteStore() async throws -> SQLiteEventStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("collector-store-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = try SQLiteEventStore(path: directory.path + "/events.sqlite")
    try await store.migrate()
    return store
}
