/// What an experiment's analysis reads from the insights engine: every exposure to its flag and every event
/// that matches one of its metrics, each attributed to an analysis unit (a distinct id, or the group key when
/// the flag is aggregated by group).
struct ExperimentObservations: Sendable {
    /// One `$feature_flag_called` event for the experiment's flag.
    struct Exposure: Sendable, Equatable {
        var unit: String
        /// Microseconds since the epoch.
        var timestamp: Int64
        /// `$feature_flag_response` as text.
        var variant: String
    }

    /// One event matching a metric's series.
    struct MetricEvent: Sendable, Equatable {
        var unit: String
        var timestamp: Int64
        /// Orders events of one unit at the same instant the same way on every run.
        var tiebreak: UInt64
        /// Bit s set: the event matches series (funnel step) s.
        var steps: UInt32
        /// The `math_property` value for a sum, else 1.
        var value: Double
    }

    var exposures: [Exposure] = []
    /// Per metric, in the order of the scan's metrics.
    var metricEvents: [[MetricEvent]] = []
}

/// What to read: the flag, the unit, the time ranges and each metric's series.
struct ExperimentScanRequest: Sendable {
    static let exposureEvent = "$feature_flag_called"

    var flagKey: String
    var unit: ExperimentUnit
    /// Exposures are read within `[from, to]`, metric events within `[from, metricsTo]` (microseconds).
    var from: Int64
    var to: Int64
    var metricsTo: Int64
    /// Per metric: its funnel steps, or the one source of a mean.
    var metricSeries: [[EventSeries]]
    /// Per metric: the property a sum adds up, or nil to count events.
    var sumProperties: [String?]
}
