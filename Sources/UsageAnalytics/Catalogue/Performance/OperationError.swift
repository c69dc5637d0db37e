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
            .label("operation", "The operation's name, as the code defines it."),
            .label("error_type", "The error's type name, never its message."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("operation", label: operation)
        properties.add("error_type", label: errorType)
    }
}
