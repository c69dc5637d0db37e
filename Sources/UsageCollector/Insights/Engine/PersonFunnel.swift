/// A funnel state machine for one person: given their events in time order, the furthest step they reached
/// and the times between the steps of the chain that got there.
protocol PersonFunnel {
    /// Runs the funnel over `events` (sorted by time).
    /// - Parameters:
    ///   - propValue: the breakdown value this pass is for
    ///   - onlyMatchingBreakdown: `all_events` attribution: ignore events of other breakdown values
    /// - Returns: the furthest step reached, 0-based; -1 when no step was reached or the person is excluded.
    func run(_ events: UnsafeBufferPointer<FunnelStepper.Event>, propValue: UInt32, onlyMatchingBreakdown: Bool) -> Int

    /// Microseconds between step `step` and the step before it in the answer chain of the last ``run``.
    func conversionTime(toStep step: Int) -> Int64
}
