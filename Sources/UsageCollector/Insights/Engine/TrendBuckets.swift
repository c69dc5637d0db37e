/// The time buckets of one trend: starts of consecutive intervals plus the end of the last.
struct TrendBuckets {
    let interval: Interval
    let starts: [Int64]
    let end: Int64
    private let fixedWidth: Int64?

    init(interval: Interval, from: Int64, to: Int64, single: Bool) {
        self.interval = interval
        if single {
            self.starts = [from]
            self.fixedWidth = nil
        } else {
            self.starts = interval.starts(from: from, to: to)
            switch interval {
            case .hour: self.fixedWidth = UTCCalendar.microsecondsPerHour
            case .day: self.fixedWidth = UTCCalendar.microsecondsPerDay
            case .week: self.fixedWidth = 7 * UTCCalendar.microsecondsPerDay
            case .month: self.fixedWidth = nil
            }
        }
        self.end = single ? to : (self.starts.last.map { interval.advance($0) } ?? to)
    }

    var count: Int { self.starts.count }

    func end(of bucket: Int) -> Int64 { bucket + 1 < self.starts.count ? self.starts[bucket + 1] : self.end }

    /// The bucket holding `timestamp`, or nil outside the buckets.
    func index(of timestamp: Int64) -> Int? {
        guard let first = self.starts.first, timestamp >= first, timestamp < self.end else { return nil }
        if let width = self.fixedWidth { return Int((timestamp - first) / width) }
        var low = 0
        var high = self.starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if self.starts[middle] <= timestamp { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The first bucket whose end is after `timestamp` (for rolling active-user windows).
    func firstEnding(after timestamp: Int64) -> Int {
        guard let first = self.starts.first, timestamp >= first else { return 0 }
        return self.index(of: timestamp) ?? self.starts.count
    }
}
