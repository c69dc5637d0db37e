/// An experiment: a multivariate flag, its primary metric and optional secondary ones, and the dates it ran.
/// Written and read in PostHog's experiment JSON (see ``init(json:)`` and ``json``).
public struct Experiment: Sendable {
    /// The lifecycle PostHog shows: a draft has no start date; a running one has no end yet.
    public enum Status: String, Sendable {
        case draft, running, complete
    }

    /// The exposures per variant below which no winner is declared, unless `parameters` says otherwise.
    public static let defaultMinimumSampleSize = 100
    static let maximumNameLength = 400
    static let maximumDescriptionLength = 4_000
    static let maximumSecondaryMetrics = 10

    /// Assigned by the store; 0 before.
    public var id: Int
    public var name: String
    public var description: String
    public var featureFlagKey: String
    /// Microseconds since the epoch; `nil` for a draft.
    public var startDate: Int64?
    /// Microseconds since the epoch; `nil` while it runs.
    public var endDate: Int64?
    /// Exactly one primary metric.
    var metrics: [ExperimentMetric]
    var secondaryMetrics: [ExperimentMetric]
    /// Exposures per variant needed before a winner is declared.
    public var minimumSampleSize: Int
    public var archived: Bool
    /// Microseconds since the epoch.
    public var createdAt: Int64
    public var updatedAt: Int64

    public var status: Status {
        if self.startDate == nil { return .draft }
        return self.endDate == nil ? .running : .complete
    }

    /// The primary metric.
    var primaryMetric: ExperimentMetric { self.metrics[0] }
}
