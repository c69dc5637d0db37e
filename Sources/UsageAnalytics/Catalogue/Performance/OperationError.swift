/// `operation_error`: a tracked operation threw.
public struct OperationError: AnalyticsEvent {
    public var operation: String
    /// The error's type name, never its message.
    public var errorType: String

    public init(operation: String, errorType: String) {
        self.operation = operation
        self.errorType = errorType
    }

    public static let definition = EventDefinition(
        name: "operation_error", category: .performance,
        trigger: "When a tracked operation throws.",
        properties: [
            .label("operation", \Self.operation, "The operation's name, as the code defines it."),
            .label("error_type", \Self.errorType, "The error's type name, never its message."),
        ])
}
