/// A funnel-trend state machine for one person: for each period in which they entered the funnel (made the
/// first step), whether they went on to convert.
protocol PersonFunnelTrend {
    /// Runs the funnel over `events` (sorted by time) and calls `report(period, converted)` once per period
    /// the person counts in; `period` is the bucket index of the entry in `buckets`.
    func run(
        _ events: UnsafeBufferPointer<FunnelStepper.Event>, buckets: TrendBuckets, propValue: UInt32,
        onlyMatchingBreakdown: Bool, report: (Int, Bool) -> Void)
}
