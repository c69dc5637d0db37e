/// Exact summary statistics; quantiles interpolate linearly between the two nearest ranks (so the median
/// of an even count is the mean of the middle two), which is what ClickHouse's `quantile` gives on small sets.
enum Statistics {
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The `p` quantile (0…1) of `values`, by selection rather than a full sort (a funnel step can hold a
    /// conversion time per person).
    static func quantile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        var work = values
        let position = p * Double(work.count - 1)
        let lower = Int(position.rounded(.down))
        let below = Self.select(&work, lower)
        guard lower + 1 < work.count, position > Double(lower) else { return below }
        // After selecting rank `lower`, the next rank is the smallest value above it.
        let above = work[(lower + 1)...].min()!
        return below + (above - below) * (position - Double(lower))
    }

    /// Rearranges `values` so that `values[rank]` is the value of that rank, smaller ones before it and larger
    /// ones after (Hoare's selection with a middle pivot).
    private static func select(_ values: inout [Double], _ rank: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var left = low
            var right = high
            while left <= right {
                while values[left] < pivot { left += 1 }
                while values[right] > pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                return values[rank]
            }
        }
        return values[rank]
    }
}
