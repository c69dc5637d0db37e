import Logging
import ServiceLifecycle
import Synchronization

/// The single writer of a collector: request handlers hand it their events and wait; it commits every
/// N events or T after the oldest waiting event, whichever comes first, and only then lets them answer.
///
/// Callers are never answered before their events are durable; when the store fails, every caller of that
/// commit gets a retryable error, and when too many events wait, new callers get ``IngestError`` 503 at once.
public final class GroupCommitWriter: Service, Sendable {
    private struct Waiter {
        let events: [EventRecord]
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiters: [Waiter] = []
        var waitingEvents = 0
        var oldestArrival: Duration?
        var writerWakeup: CheckedContinuation<Void, Never>?
        /// While the writer waits for a full group: wake it only once N events wait (or the deadline passes).
        var wakeOnlyWhenFull = false
        var deadlinePassed = false
        var isShuttingDown = false
        var isStopped = false
        var commits = 0
        var committedEvents = 0
    }

    private let state = Mutex(State())
    private let store: any EventStore
    private let configuration: GroupCommitConfiguration
    private let logger: Logger
    private let metrics: CollectorMetrics
    private let clock: ElapsedClock

    /// Creates a writer over `store`; run it as a `Service`.
    /// - Parameters:
    ///   - store: where commits go
    ///   - configuration: N, T and the back-pressure bound
    ///   - logger: logs failed commits
    ///   - metrics: receives commit latency, batch sizes and queue depth
    ///   - clock: measures T (tests pass a clock they advance)
    public init(
        store: any EventStore, configuration: GroupCommitConfiguration, logger: Logger,
        metrics: CollectorMetrics = .none, clock: ElapsedClock = .continuous
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.clock = clock
    }

    /// How many commits succeeded and how many events they stored (duplicates included) since start.
    public var committed: (commits: Int, events: Int) {
        self.state.withLock { ($0.commits, $0.committedEvents) }
    }

    /// How many events wait for the next commit.
    public var waitingEventCount: Int { self.state.withLock { $0.waitingEvents } }

    /// Waits until `events` are committed.
    /// - Throws: ``IngestError`` 503 when the writer is saturated, stopping, or the commit failed.
    public func submit(_ events: [EventRecord]) async throws(IngestError) {
        guard !events.isEmpty else { return }
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (rejection, wakeup) = self.state.withLock {
                    state -> (IngestError?, CheckedContinuation<Void, Never>?) in
                    if state.isShuttingDown || state.isStopped { return (.storageUnavailable, nil) }
                    if state.waitingEvents > 0
                        && state.waitingEvents + events.count > self.configuration.maxPendingEvents
                    {
                        return (.writerSaturated, nil)
                    }
                    state.waiters.append(Waiter(events: events, continuation: continuation))
                    state.waitingEvents += events.count
                    self.metrics.waitingEvents.record(state.waitingEvents)
                    if state.oldestArrival == nil { state.oldestArrival = self.clock.now }
                    guard !state.wakeOnlyWhenFull || state.waitingEvents >= self.configuration.maxEvents else {
                        return (nil, nil)
                    }
                    let wakeup = state.writerWakeup
                    state.writerWakeup = nil
                    return (nil, wakeup)
                }
                wakeup?.resume()
                if let rejection { continuation.resume(throwing: rejection) }
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw .storageUnavailable
        }
    }

    public func run() async throws {
        // Cancellation (a sibling service failed, for instance the migration at start) stops the writer like a
        // graceful shutdown: it commits what waits, then returns instead of waiting for work forever.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                while await self.waitForWork() {
                    await self.waitForFullGroupOrDeadline()
                    await self.commitWaiting()
                }
            } onGracefulShutdown: {
                self.beginShutdown()
            }
        } onCancel: {
            self.beginShutdown()
        }
    }

    private func beginShutdown() {
        let wakeup = self.state.withLock { state in
            state.isShuttingDown = true
            defer { state.writerWakeup = nil }
            return state.writerWakeup
        }
        wakeup?.resume()
    }

    /// Suspends until events wait; false once shutting down with nothing left to commit.
    private func waitForWork() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = self.state.withLock { state -> Bool in
                if !state.waiters.isEmpty || state.isShuttingDown { return true }
                state.wakeOnlyWhenFull = false
                state.writerWakeup = continuation
                return false
            }
            if ready { continuation.resume() }
        }
        return self.state.withLock { state in
            if state.waiters.isEmpty && state.isShuttingDown {
                state.isStopped = true
                return false
            }
            return true
        }
    }

    private func waitForFullGroupOrDeadline() async {
        let deadline: Duration? = self.state.withLock { state in
            guard !state.isShuttingDown, state.waitingEvents < self.configuration.maxEvents,
                let oldest = state.oldestArrival
            else { return nil }
            state.deadlinePassed = false
            return oldest + self.configuration.maxDelay
        }
        guard let deadline, deadline > self.clock.now else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await self.clock.sleep(until: deadline)
                let wakeup = self.state.withLock { state in
                    state.deadlinePassed = true
                    defer { state.writerWakeup = nil }
                    return state.writerWakeup
                }
                wakeup?.resume()
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = self.state.withLock { state -> Bool in
                    if state.deadlinePassed || state.isShuttingDown
                        || state.waitingEvents >= self.configuration.maxEvents
                    {
                        return true
                    }
                    state.wakeOnlyWhenFull = true
                    state.writerWakeup = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
            group.cancelAll()
        }
    }

    private func commitWaiting() async {
        let waiters = self.state.withLock { state in
            defer {
                state.waiters = []
                state.waitingEvents = 0
                state.oldestArrival = nil
                state.wakeOnlyWhenFull = false
            }
            return state.waiters
        }
        guard !waiters.isEmpty else { return }
        let eventCount = waiters.reduce(0) { $0 + $1.events.count }
        self.metrics.waitingEvents.record(self.waitingEventCount)
        self.metrics.commitBatchEvents.record(eventCount)
        do {
            let started = self.clock.now
            defer { self.metrics.commitDuration.record(duration: self.clock.now - started) }
            _ = try await self.store.insert(batches: waiters.map(\.events))
            self.state.withLock { state in
                state.commits += 1
                state.committedEvents += eventCount
            }
            for waiter in waiters { waiter.continuation.resume() }
        } catch {
            self.logger.error("commit failed", metadata: ["events": "\(eventCount)", "error": "\(error)"])
            for waiter in waiters { waiter.continuation.resume(throwing: IngestError.storageUnavailable) }
        }
    }
}
