/// Cuts a queue of events into batches of at most ``maximumEvents`` events and ``maximumBytes``
/// bytes of event JSON. Pure.
struct BatchPlanner: Sendable {
    var maximumEvents = 100
    var maximumBytes = 5 * 1024 * 1024

    /// The number of leading events of `sizes` that form the next batch; at least one, so a single
    /// oversized event still gets its attempt (and its 413).
    func nextBatchCount(sizes: some Sequence<Int>) -> Int {
        var count = 0
        var bytes = 0
        for size in sizes {
            guard count < maximumEvents else { break }
            if count > 0, bytes + size + 1 > maximumBytes { break }
            bytes += size + 1
            count += 1
        }
        return count
    }
}
