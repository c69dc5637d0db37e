import Logging
import ServiceLifecycle

/// The enabled client's machinery: buffer, processor, destinations and the flush loop.
final class Pipeline: Sendable {
    let buffer: EventBuffer
    let metrics: AnalyticsMetrics
    private let processor: EventProcessor
    private let destinations: [any AnalyticsDestination]
    private let flushAt: Int
    private let flushInterval: Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let wakeups: AsyncStream<Void>
    private let wakeup: AsyncStream<Void>.Continuation

    init(
        configuration: AnalyticsConfiguration, processor: EventProcessor, destinations: [any AnalyticsDestination],
        metrics: AnalyticsMetrics, sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.buffer = EventBuffer(capacity: configuration.bufferCapacity)
        self.metrics = metrics
        self.processor = processor
        self.destinations = destinations
        self.flushAt = configuration.flushAt
        self.flushInterval = configuration.flushInterval
        self.sleep = sleep
        (wakeups, wakeup) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func enqueue(_ body: PendingEvent.Body, actor: AnalyticsActor?) {
        switch buffer.append(nanosecondsSince1970: currentNanosecondsSince1970(), actor: actor, body: body) {
        case .accepted(let count):
            metrics.captured.increment()
            if count == flushAt { wakeup.yield() }
        case .full:
            metrics.recordDrop(.bufferFull)
        }
    }

    func flush(logger: Logger) async {
        let pending = buffer.drain()
        guard !pending.isEmpty else { return }
        let encoded = pending.compactMap(processor.encode)
        await withTaskGroup(of: Void.self) { group in
            for destination in destinations {
                group.addTask {
                    do {
                        try await destination.deliver(encoded)
                    } catch {
                        self.metrics.recordDrop(.deliveryFailed, count: encoded.count)
                        logger.warning(
                            "analytics delivery failed",
                            metadata: ["destination": "\(destination.name)", "events": "\(encoded.count)"])
                    }
                }
            }
        }
    }

    /// Waits for either `flushAt` queued events or the interval, flushes, and repeats until
    /// graceful shutdown or cancellation.
    func runFlushLoop(logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [sleep, flushInterval, wakeup] in
                while !Task.isCancelled {
                    do { try await sleep(flushInterval) } catch { return }
                    wakeup.yield()
                }
            }
            for await _ in wakeups.cancelOnGracefulShutdown() {
                await flush(logger: logger)
            }
            group.cancelAll()
        }
    }
}
