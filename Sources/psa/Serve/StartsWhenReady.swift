import ServiceLifecycle
import Synchronization

/// Runs a service once a readiness signal fires, or not at all if shutdown comes first.
///
/// `psa serve` starts its analytics client and its API only when the embedded collector listens: the flag
/// client's first definitions poll would otherwise be refused, and a refused poll backs every flag call off
/// for a second, so the first requests would all get the safe default and no exposure.
struct StartsWhenReady: Service {
    let service: any Service
    let readiness: Readiness

    func run() async throws {
        await cancelWhenGracefulShutdown { await readiness.wait() }
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        try await service.run()
    }
}

/// A one-shot signal any number of tasks can wait for; waiting after it fired returns at once.
final class Readiness: Sendable {
    private struct State {
        var isReady = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Fires the signal, releasing every waiter.
    func signal() {
        let waiters = state.withLock { state in
            state.isReady = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when the signal has fired, or when the waiting task is cancelled.
    func wait() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.isReady || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
