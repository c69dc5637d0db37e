import Foundation
import UsageAnalytics

/// Reads the PSA's product decisions (``ProductFlag``) for a caller's tenant through the service's
/// ``AnalyticsClient``, never waiting longer than ``wait``.
///
/// The flag is evaluated for the caller's actor, so it buckets as that actor's events are sent: per tenant
/// on-premise (one distinct id per tenant), and per tenant in hosted mode when the flag aggregates by the
/// `tenant` group. Its exposure (`$feature_flag_called`, once per distinct id and value) is stamped with the
/// request's time, like the request's own events. Any failure answers control.
public struct ProductDecisions: Sendable {
    let analytics: AnalyticsClient
    /// The longest a request waits for a flag before it goes on with control.
    public let wait: Duration

    /// Decisions read through `analytics`, each bounded by `wait`.
    public init(analytics: AnalyticsClient, wait: Duration) {
        self.analytics = analytics
        self.wait = wait
    }

    /// The variant of `flag` for `actor`: control unless the flag answered a variant it knows within ``wait``.
    public func variant(of flag: ProductFlag, for actor: AnalyticsActor, at time: Date) async -> ProductFlag.Variant {
        guard analytics.isEnabled else { return flag.control }
        let answer = await withTaskGroup(of: FlagEvaluation?.self) { group in
            group.addTask { [analytics] in await analytics.featureFlag(flag.key, for: actor, at: time) }
            group.addTask { [wait] in
                // Cancelled as soon as the flag answers; when the wait ends first, the flag's request is cancelled
                // (AsyncHTTPClient stops a cancelled request) and its late answer is never used.
                try? await Task.sleep(for: wait)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return flag.variant(named: answer?.variant)
    }
}
