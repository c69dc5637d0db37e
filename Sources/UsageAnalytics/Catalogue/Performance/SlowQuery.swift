/// `slow_query`: a request took longer than the slow-query threshold (2 s by default).
public struct SlowQuery: AnalyticsEvent {
    public var endpoint: String
    public var method: RequestMethod
    public var durationMilliseconds: Double
    /// The threshold that was exceeded, as configured, for example `2s`.
    public var thresholdExceeded: String

    public init(endpoint: String, method: RequestMethod, durationMilliseconds: Double, thresholdExceeded: String) {
        self.endpoint = endpoint
        self.method = method
        self.durationMilliseconds = durationMilliseconds
        self.thresholdExceeded = thresholdExceeded
    }

    public static let definition = EventDefinition(
        name: "slow_query", category: .performance,
        trigger: "When a request takes strictly longer than the slow-query threshold (2000 ms by default).",
        properties: [
            .label("endpoint", \Self.endpoint, "The route template."),
            .enumeration("method", \Self.method, "The HTTP method."),
            .duration("duration_ms", \Self.durationMilliseconds, "Time the request took, in milliseconds."),
            .label("threshold_exceeded", \Self.thresholdExceeded, "The threshold that was exceeded, such as `2s`."),
        ])
}
