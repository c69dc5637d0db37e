import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import UsageCollector

/// `psa serve` runs the collector beside its own application in one service group.
@Suite("Embedding", .timeLimit(.minutes(1)))
struct EmbeddingTests {
    @Test("the collector application runs as a Service beside another application and shuts down with it")
    func besideAnotherApplication() async throws {
        let collector = try TestCollector()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let collectorApp = collector.collector.buildApplication { portContinuation.yield($0) }

        let router = Router()
        router.get("/health") { _, _ in "ok" }
        let (hostPorts, hostContinuation) = AsyncStream<Int>.makeStream()
        let host = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { hostContinuation.yield($0.localAddress?.port ?? 0) }
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [host, collectorApp], gracefulShutdownSignals: [], logger: Logger(label: "t"))
        )
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            var hostIterator = hostPorts.makeAsyncIterator()
            let collectorPort = try #require(await portIterator.next())
            let hostPort = try #require(await hostIterator.next())

            var capture = HTTPClientRequest(url: "http://127.0.0.1:\(collectorPort)/batch/")
            capture.method = .POST
            capture.body = .bytes(ByteBuffer(string: Payload.batch([Payload.event("embedded")])))
            let captured = try await client.execute(capture, timeout: .seconds(10))
            #expect(captured.status == .ok)
            let health = try await client.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(hostPort)/health"), timeout: .seconds(10))
            #expect(health.status == .ok)

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try await client.shutdown()
        let stored = try await collector.store.events(EventFilter(), after: nil, limit: 10)
        #expect(stored.map(\.event) == ["embedded"])
    }
}
