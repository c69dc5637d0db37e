import Foundation
import Synchronization

@testable import UsageCollector

/// A store whose rebuild scan waits until ``openScan()``: holds the insights engine in its loading state.
final class GatedScanStore: EventStore {
    let base: any EventStore
    private let gate = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    init(base: any EventStore) { self.base = base }

    func openScan() {
        let waiter = self.gate.withLock { state in
            state.open = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func scanAll(pageSize: Int, _ body: @escaping @Sendable ([EventRecord]) throws -> Void) async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = self.gate.withLock { state in
                if !state.open { state.waiter = continuation }
                return state.open
            }
            if open { continuation.resume() }
        }
        try await self.base.scanAll(pageSize: pageSize, body)
    }

    func migrate() async throws { try await self.base.migrate() }
    func insert(_ events: [EventRecord]) async throws -> Int { try await self.base.insert(events) }
    func insertReturningNew(batches: [[EventRecord]]) async throws -> [EventRecord] {
        try await self.base.insertReturningNew(batches: batches)
    }
    func delete(_ filter: EventFilter) async throws -> Int { try await self.base.delete(filter) }
    func count(_ filter: EventFilter) async throws -> Int { try await self.base.count(filter) }
    func events(_ filter: EventFilter, after cursor: EventCursor?, limit: Int) async throws -> [EventRecord] {
        try await self.base.events(filter, after: cursor, limit: limit)
    }
    func checkHealth() async throws { try await self.base.checkHealth() }
}
