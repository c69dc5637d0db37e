import Synchronization

/// Hands out request indexes to the sending workers.
final class IngestRequestCounter: Sendable {
    private let value = Mutex(0)

    func take() -> Int {
        self.value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
