import Foundation
import Synchronization
import UsageAnalytics

/// A directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "usage-analytics-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Collects first-run notices instead of printing them.
final class NoticeRecorder: Sendable {
    private let collected = Mutex<[String]>([])

    var output: NoticeOutput { NoticeOutput { text in self.collected.withLock { $0.append(text) } } }
    var texts: [String] { collected.withLock { $0 } }
}

/// A thread-safe counter.
final class ManagedCounter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}
