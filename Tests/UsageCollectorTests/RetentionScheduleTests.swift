import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import UsageCollector

/// The retention service's passes, paced by an injected clock.
@Suite("Retention schedule", .timeLimit(.minutes(1)))
struct RetentionScheduleTests {
    @Test("a pass runs at start and then once per interval, each with the date of its own time")
    func passesPerInterval() async throws {
        let store = try await temporarySQLiteStore()
        let clock = SteppedClock()
        let day: Int64 = 86_400 * 1_000_000
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let startMicroseconds = Int64(start.timeIntervalSince1970 * 1_000_000)
        let passes = Mutex(0)
        let service = RetentionService(
            store: store, days: 30, interval: .seconds(3600), logger: Logger(label: "test"),
            clock: ElapsedClock(clock),
            currentDate: {
                // Each pass sees the wall clock one day later than the one before.
                let pass = passes.withLock { count in
                    defer { count += 1 }
                    return count
                }
                return start.addingTimeInterval(Double(pass) * 86_400)
            })
        var record = EventStoreConformanceTests.record()
        record.timestamp = startMicroseconds - 30 * day + day / 2
        _ = try await store.insert([record])
        let group = ServiceGroup(
            configuration: .init(services: [service], gracefulShutdownSignals: [], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // The first pass (day 0) keeps the event, 29.5 days old; then the service sleeps for its interval.
            await clock.waitForSleeps(1)
            #expect(try await store.count(EventFilter()) == 1)
            // The second pass (day 1, an interval later) finds it 30.5 days old.
            clock.advance(by: .seconds(3600))
            await clock.waitForSleeps(2)
            #expect(try await store.count(EventFilter()) == 0)
            record.uuid = UUID()
            _ = try await store.insert([record])
            // Less than an interval later, no pass has run.
            clock.advance(by: .seconds(3599))
            #expect(try await store.count(EventFilter()) == 1)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(passes.withLock { $0 } == 2)
    }
}
