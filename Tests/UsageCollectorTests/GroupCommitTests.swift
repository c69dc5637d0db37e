import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import UsageCollector

@Suite("Group commit writer", .timeLimit(.minutes(1)))
struct GroupCommitTests {
    static func records(_ count: Int) -> [EventRecord] {
        (0..<count).map { index in
            EventRecord(
                project: "p",
                uuid: UUID(),
                event: "e\(index)",
                distinctID: "d",
                timestamp: 1_700_000_000_000_000,
                properties: "{}",
                receivedAt: 1_700_000_000_000_000
            )
        }
    }

    /// Runs `body` while `writer` runs as a service, then shuts it down gracefully.
    static func running(_ writer: GroupCommitWriter, _ body: @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let serviceGroup = ServiceGroup(
                configuration: .init(services: [writer], gracefulShutdownSignals: [], logger: Logger(label: "test"))
            )
            group.addTask { try await serviceGroup.run() }
            try await body()
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test("N waiting events trigger a commit even when T is far away")
    func commitsWhenFull() async throws {
        let store = ControlledStore(base: try await temporarySQLiteStore())
        let writer = GroupCommitWriter(
            store: store,
            configuration: GroupCommitConfiguration(maxEvents: 100, maxDelay: .seconds(3600)),
            logger: Logger(label: "test")
        )
        try await Self.running(writer) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 { group.addTask { try await writer.submit(Self.records(50)) } }
                try await group.waitForAll()
            }
        }
        #expect(store.commitSizes == [100])
        let observed1 = try await store.count(EventFilter())
        #expect(observed1 == 100)
    }

    @Test("a lone event is committed once T has passed, not before")
    func commitsAfterDelay() async throws {
        let store = ControlledStore(base: try await temporarySQLiteStore())
        let clock = SteppedClock()
        let writer = GroupCommitWriter(
            store: store,
            configuration: GroupCommitConfiguration(maxEvents: 1000, maxDelay: .milliseconds(5)),
            logger: Logger(label: "test"),
            clock: ElapsedClock(clock)
        )
        try await Self.running(writer) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await writer.submit(Self.records(1)) }
                // The writer sleeps until T after the event's arrival; just before T, nothing is committed.
                await clock.waitForSleeps(1)
                clock.advance(by: .milliseconds(4))
                #expect(store.commitSizes.isEmpty)
                clock.advance(by: .milliseconds(1))
                try await group.waitForAll()
            }
        }
        #expect(store.commitSizes == [1])
    }

    @Test("events waiting at shutdown are committed before the writer stops; later submissions get 503")
    func drainsOnShutdown() async throws {
        let store = ControlledStore(base: try await temporarySQLiteStore())
        let writer = GroupCommitWriter(
            store: store,
            configuration: GroupCommitConfiguration(maxEvents: 1000, maxDelay: .seconds(3600)),
            logger: Logger(label: "test")
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            let serviceGroup = ServiceGroup(
                configuration: .init(services: [writer], gracefulShutdownSignals: [], logger: Logger(label: "test"))
            )
            group.addTask { try await serviceGroup.run() }
            group.addTask { try await writer.submit(Self.records(3)) }
            while writer.waitingEventCount < 3 { await Task.yield() }
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
        }
        let observed2 = try await store.count(EventFilter())
        #expect(observed2 == 3)
        await #expect(throws: IngestError.storageUnavailable) { try await writer.submit(Self.records(1)) }
    }

    @Test("a failed commit answers every request in it with 503 storage_unavailable")
    func failedCommit() async throws {
        let store = ControlledStore(base: try await temporarySQLiteStore(), failInserts: true)
        let collector = try TestCollector(store: store)
        try await collector.withLiveServer { client in
            let response = try await client.post("/batch/", json: Payload.batch([Payload.event()]))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(
                response.text
                    == errorBody(
                        "storage_unavailable",
                        "the events could not be stored; retry later",
                        type: "server_error"
                    )
            )
        }
        let observed3 = try await store.count(EventFilter())
        #expect(observed3 == 0)
    }

    @Test("a saturated writer answers 503 with Retry-After, and the waiting requests still succeed")
    func saturation() async throws {
        let store = ControlledStore(base: try await temporarySQLiteStore(), gateOpen: false)
        let collector = try TestCollector(
            configure: {
                $0.groupCommit = GroupCommitConfiguration(maxEvents: 1, maxDelay: .milliseconds(1), maxPendingEvents: 3)
            },
            store: store
        )
        let writer = collector.collector.writer
        try await collector.withLiveServer(.ahc(.http)) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                // First request: taken by the writer, held at the gate inside the store.
                group.addTask { try await client.post("/batch/", json: Payload.batch([Payload.event()])).status }
                var started = store.insertStarted.makeAsyncIterator()
                _ = await started.next()
                // Second request: two events wait for the next commit.
                group.addTask {
                    try await client.post("/batch/", json: Payload.batch([Payload.event(), Payload.event()])).status
                }
                while writer.waitingEventCount < 2 { await Task.yield() }
                // Third request would make four waiting events, over the bound of three.
                let refused = try await client.post("/batch/", json: Payload.batch([Payload.event(), Payload.event()]))
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "1")
                #expect(
                    refused.text
                        == errorBody(
                            "writer_saturated", "the event writer is saturated; retry later", type: "server_error")
                )
                store.openGate()
                for try await status in group { #expect(status == .ok) }
            }
        }
        let observed4 = try await store.count(EventFilter())
        #expect(observed4 == 3)
    }
}
