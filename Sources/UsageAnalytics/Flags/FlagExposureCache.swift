import Synchronization

/// The (distinct id, flag, value) triples already reported as `$feature_flag_called`, so each is
/// captured once: a bounded set that forgets its oldest entry first.
///
/// Bounded at ``defaultCapacity`` entries (each a few dozen bytes plus the key), so a host evaluating
/// flags for many tenants holds at most a few megabytes; a forgotten triple is reported again, which
/// PostHog's exposure counts tolerate (they count distinct persons).
final class FlagExposureCache: Sendable {
    /// 50,000 entries, PostHog's server SDKs' bound on their distinct-ids-to-flags cache.
    static let defaultCapacity = 50_000

    /// The triple PostHog's SDKs report once; where the value was decided (`locally_evaluated`) is not
    /// part of it, so a value answered remotely and later locally is one exposure.
    private struct Entry: Hashable {
        let distinctID: String
        let key: String
        let response: PropertyValue
    }

    private struct State {
        var seen: Set<Entry> = []
        var order: [Entry] = []
        var oldest = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Records the triple; returns whether it is new (and so should be captured).
    func insert(_ exposure: FlagExposure, distinctID: String) -> Bool {
        let entry = Entry(distinctID: distinctID, key: exposure.key, response: exposure.response)
        return state.withLock { state in
            guard state.seen.insert(entry).inserted else { return false }
            if state.order.count < capacity {
                state.order.append(entry)
            } else {
                // A ring: overwrite the oldest slot and forget what it held.
                state.seen.remove(state.order[state.oldest])
                state.order[state.oldest] = entry
                state.oldest = (state.oldest + 1) % capacity
            }
            return true
        }
    }
}
