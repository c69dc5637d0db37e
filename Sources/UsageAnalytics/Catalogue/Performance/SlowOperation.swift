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
            .label("operation", "The operation's name, as the code defines it."),
            .duration("duration_ms", "Time the operation took, in milliseconds."),
            .duration("threshold_ms", "The threshold it exceeded, in milliseconds."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("operation", label: operation)
        properties.add("duration_ms", duration: durationMilliseconds)
        properties.add("threshold_ms", duration: thresholdMilliseconds)
    }
}
