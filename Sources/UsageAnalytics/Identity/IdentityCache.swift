import Synchronization

/// Remembers the hashed ids of recently seen actors, so the HMACs are not recomputed per event.
///
/// Keyed by the whole actor: every tenant and user keeps its own ids (never one id per process).
/// Bounded; emptied when full.
final class IdentityCache: Sendable {
    struct Identities: Sendable {
        let distinctID: String
        let groupKey: String?
    }

    private let resolver: IdentityResolver
    private let capacity: Int
    private let entries = Mutex<[AnalyticsActor?: Identities]>([:])

    init(resolver: IdentityResolver, capacity: Int = 4_096) {
        self.resolver = resolver
        self.capacity = capacity
    }

    func identities(for actor: AnalyticsActor?) -> Identities {
        if let cached = entries.withLock({ $0[actor] }) { return cached }
        let computed = Identities(
            distinctID: resolver.distinctID(for: actor),
            groupKey: actor.map { resolver.groupKey(forTenant: $0.tenantID) })
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[actor] = computed
        }
        return computed
    }
}
