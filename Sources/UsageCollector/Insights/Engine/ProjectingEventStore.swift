import Synchronization

/// The store as the collector's writers see it: each write goes to the real store, then to the insights
/// engine, one write at a time, so that the projection applies inserts and deletions in the store's order.
struct ProjectingEventStore: EventStore {
    let base: any EventStore
    let engine: InsightsEngine
    let gate = AsyncGate()

    func migrate() async throws { try await self.base.migrate() }

    func insert(_ events: [EventRecord]) async throws -> Int {
        try await self.insertReturningNew(batches: [events]).count
    }

    func insert(batches: [[EventRecord]]) async throws -> Int {
        try await self.insertReturningNew(batches: batches).count
    }

    func insertReturningNew(batches: [[EventRecord]]) async throws -> [EventRecord] {
        try await self.gate.withTurn {
            let new = try await self.base.insertReturningNew(batches: batches)
            self.engine.didInsert(new)
            return new
        }
    }

    func scanAll(pageSize: Int, _ body: @escaping @Sendable ([EventRecord]) throws -> Void) async throws {
        try await self.base.scanAll(pageSize: pageSize, body)
    }

    func delete(_ filter: EventFilter) async throws -> Int {
        try await self.gate.withTurn {
            let deleted = try await self.base.delete(filter)
            self.engine.didDelete(filter)
            return deleted
        }
    }

    func count(_ filter: EventFilter) async throws -> Int { try await self.base.count(filter) }

    func events(_ filter: EventFilter, after cursor: EventCursor?, limit: Int) async throws -> [EventRecord] {
        try await self.base.events(filter, after: cursor, limit: limit)
    }

    func checkHealth() async throws { try await self.base.checkHealth() }
}

/// An async lock: callers take turns, first come first served, without blocking a thread.
final class AsyncGate: Sendable {
    private struct State {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func withTurn<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = self.state.withLock { state in
                if state.busy {
                    state.waiters.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if free { continuation.resume() }
        }
        defer {
            let next = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard !state.waiters.isEmpty else {
                    state.busy = false
                    return nil
                }
                return state.waiters.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }
}
