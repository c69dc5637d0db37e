import Foundation
import Synchronization
import UsageAnalytics

/// Records every delivery attempt for `/state`.
final class HarnessObserver: DeliveryObserver {
    private let attempts = Mutex<[DeliveryAttempt]>([])

    func deliveryAttempted(_ attempt: DeliveryAttempt) {
        attempts.withLock { $0.append(attempt) }
    }

    var all: [DeliveryAttempt] { attempts.withLock { $0 } }

    var totalSent: Int { all.filter { $0.failure == nil }.reduce(0) { $0 + $1.eventCount } }
}
