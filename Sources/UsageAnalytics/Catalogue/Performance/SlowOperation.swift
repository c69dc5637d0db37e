/// `slow_operation`: a tracked operation took longer than its threshold (500 ms by default).
public struct SlowOperation: AnalyticsEvent {
    public var operation: String
    public var durationMilliseconds: Double
    public var thresholdMilliseconds: Double

    public init(operation: String, durationMilliseconds: Double, thresholdMilliseconds: Double) {
        self.operation = operation
        self.durationMilliseconds = durationMilliseconds
        self.thresholdMilliseconds = thresholdMilliseconds
    }

    public static let definition = EventDefinition(
        name: "slow_operation", category: .performance,
        trigger: "When a tracked operation takes strictly longer than its threshold (500 ms by default).",
        properties: [
            .label("operation", \Self.operation, "The operation's name, as the code defines it."),
            .duration("duration_ms", \Self.durationMilliseconds, "Time the operation took, in milliseconds."),
            .duration("threshold_ms", \Self.thresholdMilliseconds, "The threshold it exceeded, in milliseconds."),
        ])
}
