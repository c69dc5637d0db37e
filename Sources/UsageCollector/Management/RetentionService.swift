import Foundation
import Logging
import ServiceLifecycle

/// Deletes events older than the retention period, at start and then every interval.
public struct RetentionService: Service {
    let store: any EventStore
    let days: Int
    let interval: Duration
    let logger: Logger
    let clock: ElapsedClock
    let currentDate: @Sendable () -> Date

    /// Creates the service.
    /// - Parameters:
    ///   - store: the event store
    ///   - days: events whose timestamp is older than this many days are deleted
    ///   - interval: time between passes
    ///   - logger: logs each pass that deleted something
    ///   - clock: paces the passes (tests pass a clock they advance)
    ///   - currentDate: the wall-clock time of a pass, from which the cutoff is computed
    public init(
        store: any EventStore, days: Int, interval: Duration, logger: Logger, clock: ElapsedClock = .continuous,
        currentDate: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.days = days
        self.interval = interval
        self.logger = logger
        self.clock = clock
        self.currentDate = currentDate
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await self.enforce(now: self.currentDate())
            } catch {
                self.logger.error("retention pass failed", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await self.clock.sleep(for: self.interval) }
            } catch {
                return
            }
        }
    }

    /// One retention pass as of `now`.
    /// - Returns: how many events were deleted.
    @discardableResult
    public func enforce(now: Date) async throws -> Int {
        let cutoff = Int64((now.timeIntervalSince1970 - Double(self.days) * 86_400) * 1_000_000)
        let deleted = try await self.store.delete(EventFilter(to: cutoff))
        if deleted > 0 {
            self.logger.info("retention deleted events", metadata: ["count": "\(deleted)", "days": "\(self.days)"])
        }
        return deleted
    }
}
