import Synchronization

/// Keeps delivered events in memory, in order.
final class CollectingDestination: AnalyticsDestination {
    let name = "memory"
    private let collected = Mutex<[EncodedEvent]>([])

    func deliver(_ events: [EncodedEvent]) async throws -> DeliveryReceipt {
        collected.withLock { $0.append(contentsOf: events) }
        return DeliveryReceipt()
    }

    var events: [EncodedEvent] { collected.withLock { $0 } }
}
