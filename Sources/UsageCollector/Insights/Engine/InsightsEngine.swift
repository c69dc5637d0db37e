import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The insights engine: an in-memory columnar projection of the stored events, rebuilt from the store at
/// start and kept equal to it afterwards (rows are appended after their commit and only when they were
/// new; deletions are applied after the store's).
///
/// Run it as a `Service`. Until its rebuild has finished, ``snapshot(project:)`` throws
/// ``InsightsEngine/NotReady`` and the insight routes answer 503 with `Retry-After`.
public final class InsightsEngine: Service, Sendable {
    /// The projection is still being rebuilt.
    public struct NotReady: Error, Sendable {}

    private enum Phase { case waitingForStore, loading, ready }

    private struct State {
        var phase = Phase.waitingForStore
        var storeReady = false
        var storeWaiter: CheckedContinuation<Void, Never>?
        var readyWaiters: [CheckedContinuation<Void, Never>] = []
        var projects: [String: ProjectColumns] = [:]
        /// Rows committed while the rebuild runs, applied when it ends.
        var buffered: [EventRecord] = []
        /// Deletions committed while the rebuild runs, applied to every page read after them.
        var deletionsDuringLoad: [EventFilter] = []
        /// Rows the rebuild read that were received recently, so a buffered copy of them is not added twice.
        var recentlyLoaded: Set<ProjectUUID> = []
        var loadStartedAt: Int64 = 0
    }

    /// Rows received this long before the rebuild began may also reach the buffer (their commit was in
    /// flight); the rebuild remembers their ids.
    static let inFlightSlack: Int64 = 600 * 1_000_000

    private let state = Mutex(State())
    private let store: any EventStore
    private let logger: Logger

    /// Creates an engine over `store`; it rebuilds once ``storeIsMigrated()`` has been called.
    public init(store: any EventStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Tells the engine that the schema exists, so the rebuild may read it.
    public func storeIsMigrated() {
        let waiter = self.state.withLock { state in
            state.storeReady = true
            defer { state.storeWaiter = nil }
            return state.storeWaiter
        }
        waiter?.resume()
    }

    /// Whether answers are available.
    public var isReady: Bool { self.state.withLock { $0.phase == .ready } }

    /// Returns once the rebuild has finished.
    public func waitUntilReady() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = self.state.withLock { state in
                if state.phase != .ready { state.readyWaiters.append(continuation) }
                return state.phase == .ready
            }
            if ready { continuation.resume() }
        }
    }

    public func run() async throws {
        // Waits for the migration; shutdown or cancellation before it ends the wait too.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = self.state.withLock { state in
                        if !state.storeReady { state.storeWaiter = continuation }
                        return state.storeReady
                    }
                    if ready { continuation.resume() }
                }
            } onGracefulShutdown: {
                self.storeIsMigrated()
            }
        } onCancel: {
            self.storeIsMigrated()
        }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await self.rebuild()
                break
            } catch {
                self.logger.error("insights rebuild failed; retrying", metadata: ["error": "\(error)"])
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) }
            }
        }
        try? await gracefulShutdown()
    }

    /// Reads every stored event into the projection; rows committed meanwhile are applied at the end.
    public func rebuild() async throws {
        let started = ContinuousClock.now
        self.state.withLock { state in
            state.phase = .loading
            state.projects = [:]
            state.recentlyLoaded = []
            state.loadStartedAt = Int64(Date().timeIntervalSince1970 * 1_000_000)
        }
        // The store's thread decodes rows while another projects them; the hand-off keeps their order.
        let handOff = PageHandOff(capacity: 4)
        // A thread of its own: a pool thread could be held up behind other work while the reader waits on it.
        async let projected: Void = withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                while let page = handOff.take() { self.load(page) }
                done.resume()
            }.start()
        }
        do {
            try await self.store.scanAll(pageSize: 8192) { page in handOff.put(page) }
        } catch {
            handOff.finish()
            await projected
            throw error
        }
        handOff.finish()
        await projected
        let (count, waiters) = self.state.withLock { state in
            for record in state.buffered
            where !state.recentlyLoaded.contains(ProjectUUID(project: record.project, uuid: record.uuid)) {
                state.projects[record.project, default: ProjectColumns()].append(record)
            }
            state.buffered = []
            state.deletionsDuringLoad = []
            state.recentlyLoaded = []
            state.phase = .ready
            defer { state.readyWaiters = [] }
            return (state.projects.values.reduce(0) { $0 + $1.liveCount }, state.readyWaiters)
        }
        for waiter in waiters { waiter.resume() }
        self.logger.info(
            "insights ready", metadata: ["events": "\(count)", "took": "\(ContinuousClock.now - started)"])
    }

    private func load(_ page: [EventRecord]) {
        self.state.withLock { state in
            let recentFrom = state.loadStartedAt - Self.inFlightSlack
            // Records are read in place (not copied out of the page), which saves a retain and a release of
            // each of their strings.
            page.withUnsafeBufferPointer { records in
                var index = 0
                while index < records.count {
                    // A run of one project's rows is appended to its columns taken out of the dictionary: one
                    // lookup per run instead of one per row, and no copy of the columns.
                    let project = records[index].project
                    var columns = state.projects.removeValue(forKey: project) ?? ProjectColumns()
                    while index < records.count && records[index].project == project {
                        defer { index += 1 }
                        if !state.deletionsDuringLoad.isEmpty
                            && state.deletionsDuringLoad.contains(where: { $0.matches(records[index]) })
                        {
                            continue
                        }
                        if records[index].receivedAt >= recentFrom {
                            state.recentlyLoaded.insert(ProjectUUID(project: project, uuid: records[index].uuid))
                        }
                        columns.append(records[index])
                    }
                    state.projects[project] = columns
                }
            }
        }
    }

    /// Adds rows that a commit has just stored (and that were new).
    func didInsert(_ records: [EventRecord]) {
        guard !records.isEmpty else { return }
        self.state.withLock { state in
            guard state.phase == .ready else {
                state.buffered += records
                return
            }
            for record in records { state.projects[record.project, default: ProjectColumns()].append(record) }
        }
    }

    /// Removes rows that a deletion has just removed from the store.
    func didDelete(_ filter: EventFilter) {
        self.state.withLock { state in
            for project in Array(state.projects.keys) where filter.project == nil || filter.project == project {
                state.projects[project]?.delete(filter)
            }
            if state.phase != .ready {
                state.deletionsDuringLoad.append(filter)
                state.buffered.removeAll { filter.matches($0) }
            }
        }
    }

    /// The project's columns as of now, to query without holding a lock (an O(1) copy).
    /// - Throws: ``NotReady`` while the rebuild runs.
    func snapshot(project: String) throws(NotReady) -> ProjectColumns {
        try self.state.withLock { state throws(NotReady) in
            guard state.phase == .ready else { throw NotReady() }
            return state.projects[project] ?? ProjectColumns()
        }
    }

    /// Live events and approximate resident bytes of the projection.
    public var footprint: (events: Int, bytes: Int) {
        self.state.withLock { state in
            state.projects.values.reduce((0, 0)) { ($0.0 + $1.liveCount, $0.1 + $1.residentBytes) }
        }
    }
}
