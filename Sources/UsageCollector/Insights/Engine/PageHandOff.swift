import Foundation

/// Pages of a rebuild handed from the thread that reads the store to the thread that projects them, at most
/// `capacity` waiting: decoding rows and interning them then run on two cores, in order, with bounded memory.
final class PageHandOff: @unchecked Sendable {
    // Guarded by `condition`: the reader blocks while the queue is full, the projector while it is empty.
    private let condition = NSCondition()
    private var pages: [[EventRecord]] = []
    private var finished = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues a page, waiting while `capacity` pages are queued (called on the store's reading thread).
    func put(_ page: [EventRecord]) {
        self.condition.lock()
        while self.pages.count >= self.capacity && !self.finished { self.condition.wait() }
        if !self.finished { self.pages.append(page) }
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// No more pages: ``take()`` returns nil once the queue is drained.
    func finish() {
        self.condition.lock()
        self.finished = true
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The next page in order, or nil after ``finish()`` and the last page.
    func take() -> [EventRecord]? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.pages.isEmpty && !self.finished { self.condition.wait() }
        guard !self.pages.isEmpty else { return nil }
        let page = self.pages.removeFirst()
        self.condition.broadcast()
        return page
    }
}
