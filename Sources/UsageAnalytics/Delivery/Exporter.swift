import Foundation
import Logging
import ServiceLifecycle

/// The enabled client's machinery: the buffer, the processor, one channel per destination and
/// the flush loop (modelled on swift-otel's batch processor).
///
/// Callers never wait on it: `capture` appends to the buffer and, at `flushAt` events, wakes
/// the loop. The loop drains, encodes, spools and delivers.
final class Exporter: Sendable {
    let buffer: EventBuffer
    let metrics: AnalyticsMetrics
    let channels: [DeliveryChannel]
    private let processor: EventProcessor
    private let flushAt: Int
    private let flushInterval: Duration
    private let shutdownTimeout: Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let wakeups: AsyncStream<Void>
    private let wakeup: AsyncStream<Void>.Continuation
    private let logger: Logger

    init(
        configuration: AnalyticsConfiguration, processor: EventProcessor, channels: [DeliveryChannel],
        metrics: AnalyticsMetrics, logger: Logger, sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.buffer = EventBuffer(capacity: configuration.bufferCapacity)
        self.metrics = metrics
        self.processor = processor
        self.channels = channels
        self.flushAt = configuration.flushAt
        self.flushInterval = configuration.flushInterval
        self.shutdownTimeout = configuration.shutdownTimeout
        self.sleep = sleep
        self.logger = logger
        (wakeups, wakeup) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    @discardableResult
    func enqueue(
        _ body: PendingEvent.Body, actor: AnalyticsActor?, nanosecondsSince1970: Int64? = nil,
        verbatimDistinctID: String? = nil
    ) -> UUID? {
        let outcome = buffer.append(
            nanosecondsSince1970: nanosecondsSince1970 ?? currentNanosecondsSince1970(), actor: actor, body: body,
            verbatimDistinctID: verbatimDistinctID)
        switch outcome {
        case .accepted(let count, let uuid):
            metrics.captured.increment()
            if count >= flushAt { wakeup.yield() }
            return uuid
        case .full:
            metrics.recordDrop(.bufferFull)
            return nil
        case .closed:
            metrics.recordDrop(.shutdown)
            return nil
        }
    }

    /// Moves every buffered event into every channel (on disk first), then delivers.
    func flush() async {
        await spoolBuffered()
        await deliver()
    }

    /// Delivers like ``flush()``, but gives up waiting at `timeout`; returns whether every destination
    /// took everything pending in time. What is not delivered stays spooled (a later flush resumes it).
    func flush(timeout: Duration) async -> Bool {
        await spoolBuffered()
        return await deliver(timeout: timeout)
    }

    /// Encodes the buffered events and hands them to each channel's spool.
    func spoolBuffered() async {
        await spool(buffer.drain())
    }

    private func spool(_ pending: [PendingEvent]) async {
        guard !pending.isEmpty else { return }
        let encoded = pending.compactMap(processor.encode)
        for channel in channels { await channel.accept(encoded) }
    }

    func deliver() async {
        await withTaskGroup(of: Void.self) { group in
            for channel in channels {
                group.addTask { await channel.deliverPending() }
            }
        }
    }

    /// Delivers what earlier runs left in the spools, then flushes every `flushAt` events or
    /// `flushInterval`, until graceful shutdown; then flushes once more within the shutdown timeout.
    func run() async {
        // Recovery happens here, not when the client is created: opening a spool reads it whole and
        // may wait for its lock. Recovered events queue ahead of those captured before `run()`.
        for channel in channels { await channel.openSpool() }
        // On graceful shutdown the loop, and any delivery it is waiting on, is cancelled; the last
        // flush below then gets the shutdown timeout.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [sleep = self.sleep, flushInterval = self.flushInterval, wakeup = self.wakeup] in
                    while !Task.isCancelled {
                        do { try await sleep(flushInterval) } catch { return }
                        wakeup.yield()
                    }
                }
                self.wakeup.yield()
                for await _ in self.wakeups {
                    if Task.isCancelled { break }
                    // Spool first, always; then let each channel deliver on its own, so one slow
                    // destination neither holds captured events in memory nor delays the others.
                    await self.spoolBuffered()
                    for channel in self.channels { await channel.requestDelivery() }
                }
                group.cancelAll()
            }
        }
        await flushBeforeShutdown()
    }

    /// A last flush that gives up after the shutdown timeout; undelivered events stay spooled.
    ///
    /// The buffer closes first: a capture after this point is refused and counted as `shutdown`,
    /// never kept in memory that nothing will send.
    func flushBeforeShutdown() async {
        await spool(buffer.close())
        if await !deliver(timeout: shutdownTimeout) {
            logger.warning(
                "analytics shutdown timeout reached; undelivered events stay in the spool for the next start")
        }
    }

    /// Delivers everything pending, cancelling the deliveries still running at `timeout`.
    private func deliver(timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.deliver()
                return true
            }
            group.addTask { [sleep] in
                try? await sleep(timeout)
                return false
            }
            let delivered = await group.next() ?? false
            if !delivered {
                for channel in channels { await channel.cancelDelivery() }
            }
            group.cancelAll()
            return delivered
        }
    }
}
