import Foundation
import Synchronization
import Testing

@testable import UsageCollector

extension EventStoreConformanceTests {
    @Test("insertReturningNew returns exactly the rows that were new, first copy wins", arguments: Engine.available)
    func insertReturningNew(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            let first = (0..<5).map { Self.record(at: Int64($0)) }
            let stored = try await store.insertReturningNew(batches: [first])
            #expect(stored == first)
            var changedCopy = first[2]
            changedCopy.event = "a retry with another name"
            let fresh = Self.record(at: 50)
            let again = try await store.insertReturningNew(batches: [[first[0], changedCopy], [fresh, fresh]])
            #expect(again == [fresh])
            #expect(try await store.count(EventFilter()) == 6)
        }
    }

    @Test("scanAll reads every stored event exactly once", arguments: Engine.available)
    func scanAll(_ engine: Engine) async throws {
        try await withStore(engine) { store in
            let records = (0..<25).map { Self.record(project: $0 % 2 == 0 ? "phc_a" : "phc_b", at: Int64(25 - $0)) }
            _ = try await store.insert(records)
            let seen = Mutex<[EventRecord]>([])
            try await store.scanAll(pageSize: 7) { page in seen.withLock { $0 += page } }
            let scanned = seen.withLock { $0 }
            #expect(scanned.count == records.count)
            #expect(Set(scanned) == Set(records))
        }
    }
}
