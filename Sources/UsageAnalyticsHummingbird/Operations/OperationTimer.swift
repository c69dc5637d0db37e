import Foundation
import UsageAnalytics

/// Times a service's operations and reports the slow and the failing ones.
///
/// The counterpart of a performance decorator: wrap a unit of work, such as a search, and the
/// timer emits `slow_operation` when it took strictly longer than `slowOperationThreshold`, and
/// `operation_error` (the error's type name, never its message) when it threw. The operation's
/// value is returned and its error rethrown unchanged; nothing is emitted for a fast success.
///
/// ```swift
/// let operations = OperationTimer(analytics: analytics, configuration: configuration)
/// let page = try await operations.measure("ticket.search", actor: actor) {
///     try await repository.search(query, in: tenant)
/// }
/// ```
public struct OperationTimer<TimingClock: Clock<Duration>>: Sendable {
    private let analytics: AnalyticsClient
    private let clock: TimingClock
    private let threshold: Duration

    /// A timer measuring with `clock`.
    /// - Parameters:
    ///   - analytics: Where the events go.
    ///   - configuration: Supplies `slowOperationThreshold`.
    ///   - clock: Measures the operations; tests inject a manual one.
    public init(analytics: AnalyticsClient, configuration: AnalyticsConfiguration, clock: TimingClock) {
        self.analytics = analytics
        self.clock = clock
        self.threshold = configuration.slowOperationThreshold
    }

    /// Runs `body`, reporting it as `operation` when it is slow or throws.
    ///
    /// A slow operation that throws emits both events: a timeout after thirty seconds is both.
    /// - Parameters:
    ///   - operation: A name the code defines, such as `ticket.search`; never data.
    ///   - actor: Who the operation ran for; `nil` for system work.
    ///   - eventTime: When it happened, for simulated traffic; `nil` means now.
    ///   - body: The work to time.
    /// - Returns: What `body` returned.
    /// - Throws: Exactly what `body` threw.
    public func measure<Value, Failure: Error>(
        _ operation: String, actor: AnalyticsActor?, at eventTime: Date? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        guard analytics.isEnabled else { return try await body() }
        let start = clock.now
        let result: Result<Value, Failure>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        let elapsed = start.duration(to: clock.now)
        if elapsed > threshold {
            let event = SlowOperation(
                operation: operation, durationMilliseconds: elapsed.milliseconds,
                thresholdMilliseconds: threshold.milliseconds)
            analytics.capture(event, actor: actor, eventTime: eventTime)
        }
        if case .failure(let error) = result {
            analytics.capture(
                OperationError(operation: operation, errorType: errorTypeName(of: error)), actor: actor,
                eventTime: eventTime)
        }
        return try result.get()
    }
}

extension OperationTimer where TimingClock == ContinuousClock {
    /// A timer measuring with the continuous clock.
    /// - Parameters:
    ///   - analytics: Where the events go.
    ///   - configuration: Supplies `slowOperationThreshold`.
    public init(analytics: AnalyticsClient, configuration: AnalyticsConfiguration) {
        self.init(analytics: analytics, configuration: configuration, clock: ContinuousClock())
    }
}
