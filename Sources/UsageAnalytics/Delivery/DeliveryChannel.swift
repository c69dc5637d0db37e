import DequeModule
import Foundation
import Logging

/// One destination's queue, spool and retry state.
///
/// Accepted events are written to the spool before any attempt to send them, and leave it only
/// when the destination acknowledged them or refused them for good. Deliveries are serialized:
/// a second caller waits for the pass in flight, then runs its own.
///
/// The spool is opened, and what earlier runs left in it recovered, on the channel's first use
/// (the service's `run()` starts it), never in `init`: creating a client reads no spool and never
/// waits for its lock. Recovered events go ahead of everything accepted later.
actor DeliveryChannel {
    let destination: any AnalyticsDestination
    private var spool: Spool?
    /// The spool directory until the first use opens it; `nil` afterwards, or when memory-only.
    private var unopenedSpoolDirectory: String?
    private var queue: Deque<SpoolEntry> = []
    private var queuedBytes = 0
    private let maximumBytes: Int
    private let planner: BatchPlanner
    private let policy: RetryPolicy
    private let options: DeliveryOptions
    private let metrics: AnalyticsMetrics
    private let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private var inFlight: Task<Void, Never>?
    private var isOverflowing = false
    private var nextMemorySequence: UInt64 = 1
    private var nextTicket: UInt64 = 1
    private var passGeneration: UInt64 = 0

    /// A channel whose spool lives in `spoolDirectory`, opened on first use; without a directory the
    /// channel keeps events in memory.
    init(
        destination: any AnalyticsDestination, spoolDirectory: String?, maximumBytes: Int, policy: RetryPolicy,
        options: DeliveryOptions, metrics: AnalyticsMetrics, logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.destination = destination
        self.maximumBytes = maximumBytes
        self.planner = BatchPlanner(maximumEvents: options.maximumBatchEvents, maximumBytes: options.maximumBatchBytes)
        self.policy = policy
        self.options = options
        self.metrics = metrics
        self.logger = logger
        self.sleep = sleep
        self.unopenedSpoolDirectory = spoolDirectory
    }

    /// Opens the spool and queues what it holds, once; when it cannot be used, the channel keeps
    /// events in memory and says so once.
    func openSpool() {
        guard let spoolDirectory = unopenedSpoolDirectory else { return }
        unopenedSpoolDirectory = nil
        do {
            let spool = try Spool(directory: spoolDirectory, maximumBytes: maximumBytes)
            let (entries, torn) = try spool.recover()
            self.spool = spool
            enqueue(entries)
            if !entries.isEmpty || torn > 0 {
                logger.info(
                    "recovered spooled analytics events",
                    metadata: [
                        "destination": "\(destination.name)", "events": "\(entries.count)", "torn_segments": "\(torn)",
                    ])
            }
        } catch {
            logger.warning(
                "analytics spool unavailable; delivering from memory only",
                metadata: ["destination": "\(destination.name)", "error": "\(error)"])
        }
    }

    /// Events waiting for this destination, recovered ones included.
    func pendingCount() -> Int {
        openSpool()
        return queue.count
    }

    /// Takes `events` into the queue, on disk first when the spool is usable.
    func accept(_ events: [EncodedEvent]) {
        openSpool()
        guard !events.isEmpty else { return }
        var entries: [SpoolEntry]
        if let spool {
            do {
                entries = try spool.append(events)
            } catch {
                degradeToMemory(after: error)
                entries = memoryEntries(events)
            }
        } else {
            entries = memoryEntries(events)
        }
        enqueue(entries)
        enforceBound()
    }

    private func enqueue(_ entries: [SpoolEntry]) {
        for var entry in entries {
            entry.ticket = nextTicket
            nextTicket += 1
            queuedBytes += entry.size
            queue.append(entry)
        }
    }

    /// Starts a delivery pass in the background unless one is running; returns at once. The
    /// flush loop uses it, so spooling never waits on a slow or unreachable destination.
    func requestDelivery() {
        openSpool()
        guard inFlight == nil, !queue.isEmpty else { return }
        startPass()
    }

    /// Sends every queued event, in batches, with retries, until the queue is empty or the retry
    /// policy says to keep the rest for later: waits for a pass in flight, then runs one more.
    /// Returns early when cancelled; nothing is lost.
    func deliverPending() async {
        openSpool()
        while let running = inFlight {
            await running.value
        }
        let pass = startPass()
        await withTaskCancellationHandler {
            await pass.value
        } onCancel: {
            pass.cancel()
        }
    }

    /// Cancels the pass in flight, if any (shutdown timeout); its events stay queued and spooled.
    func cancelDelivery() {
        inFlight?.cancel()
    }

    @discardableResult
    private func startPass() -> Task<Void, Never> {
        passGeneration += 1
        let generation = passGeneration
        let pass = Task {
            await self.runPass()
            self.finishPass(generation)
        }
        inFlight = pass
        return pass
    }

    private func finishPass(_ generation: UInt64) {
        if passGeneration == generation { inFlight = nil }
    }

    private func runPass() async {
        while !queue.isEmpty, !Task.isCancelled {
            let count = planner.nextBatchCount(sizes: queue.lazy.map(\.size))
            let batch = Array(queue.prefix(count))
            let (settled, stop) = await send(batch[...])
            // While the send was awaited, accept() may have dropped old entries for the bound:
            // remove what was settled by identity, never by position.
            if settled > 0 { removeSettled(through: batch[settled - 1].ticket) }
            if stop { return }
        }
    }

    /// Sends one batch with its retries; returns how many leading events are settled
    /// (delivered or dropped for good) and whether this pass should stop.
    private func send(_ batch: ArraySlice<SpoolEntry>) async -> (settled: Int, stop: Bool) {
        var retries = 0
        while true {
            if Task.isCancelled { return (0, true) }
            let events = batch.map(\.event)
            let failure: DeliveryFailure
            do {
                let receipt = try await destination.deliver(events)
                report(events, status: receipt.statusCode, retryAttempt: retries, failure: nil)
                acknowledge(batch)
                isOverflowing = false
                return (batch.count, false)
            } catch let error as DeliveryFailure {
                failure = error
            } catch {
                failure = DeliveryFailure(kind: .transient, reason: "network error: \(type(of: error))")
            }
            report(events, status: failure.statusCode, retryAttempt: retries, failure: failure)
            switch policy.decision(
                after: failure, retriesSoFar: retries, batchSize: batch.count, jitter: options.jitter())
            {
            case .retry(let delay):
                retries += 1
                do { try await sleep(delay) } catch { return (0, true) }
            case .drop:
                let reason: AnalyticsMetrics.DropReason = failure.kind == .tooLarge ? .tooLarge : .rejected
                metrics.recordDrop(reason, count: batch.count)
                logger.error(
                    "analytics destination refused events; they are dropped",
                    metadata: [
                        "destination": "\(destination.name)", "events": "\(batch.count)", "reason": "\(failure.reason)",
                    ])
                acknowledge(batch)
                return (batch.count, false)
            case .split:
                let middle = batch.startIndex + batch.count / 2
                let first = await send(batch[..<middle])
                if first.stop { return first }
                let second = await send(batch[middle...])
                return (first.settled + second.settled, second.stop)
            case .keepForLater:
                logger.warning(
                    "analytics destination unavailable; events stay queued for the next flush",
                    metadata: [
                        "destination": "\(destination.name)", "queued": "\(queue.count)",
                        "reason": "\(failure.reason)",
                    ])
                return (0, true)
            }
        }
    }

    private func report(_ events: [EncodedEvent], status: Int?, retryAttempt: Int, failure: DeliveryFailure?) {
        options.observer?.deliveryAttempted(
            DeliveryAttempt(
                destination: destination.name, finishedAt: Date(), statusCode: status, retryAttempt: retryAttempt,
                uuids: events.map(\.uuid), failure: failure))
    }

    private func acknowledge(_ entries: ArraySlice<SpoolEntry>) {
        guard let spool else { return }
        do {
            try spool.acknowledge(Array(entries))
        } catch {
            degradeToMemory(after: error)
        }
    }

    private func removeSettled(through ticket: UInt64) {
        while let first = queue.first, first.ticket <= ticket {
            queuedBytes -= queue.removeFirst().size
        }
    }

    private func memoryEntries(_ events: [EncodedEvent]) -> [SpoolEntry] {
        events.map { event in
            defer { nextMemorySequence += 1 }
            return SpoolEntry(sequence: nextMemorySequence, segment: nil, event: event)
        }
    }

    private func degradeToMemory(after error: any Error) {
        logger.warning(
            "analytics spool failed; delivering from memory only until restart",
            metadata: ["destination": "\(destination.name)", "error": "\(error)"])
        spool = nil
    }

    /// Drops the oldest events while the spool (or the memory queue) is over its bound; logs once
    /// per episode of overflow (an episode ends with the next successful delivery).
    private func enforceBound() {
        var dropped = 0
        if let spool, let segments = spool.enforceBound() {
            let before = queue.count
            queue.removeAll { entry in entry.segment.map(segments.contains) ?? false }
            dropped += before - queue.count
            queuedBytes = queue.reduce(0) { $0 + $1.size }
        }
        while queuedBytes > maximumBytes, let oldest = queue.popFirst() {
            queuedBytes -= oldest.size
            dropped += 1
        }
        guard dropped > 0 else { return }
        metrics.recordDrop(.spoolFull, count: dropped)
        if !isOverflowing {
            isOverflowing = true
            logger.warning(
                "analytics spool is full; dropping the oldest events",
                metadata: [
                    "destination": "\(destination.name)", "dropped": "\(dropped)", "bound_bytes": "\(maximumBytes)",
                ])
        }
    }
}
