/// `api_error`: a handler threw, or answered with a status of 500 or more.
public struct APIError: AnalyticsEvent {
    public var endpoint: String
    public var method: RequestMethod
    /// The error's type name, never its message.
    public var errorType: String
    public var errorCode: Int
    public var durationMilliseconds: Double
    public var hasAuth: Bool

    public init(
        endpoint: String, method: RequestMethod, errorType: String, errorCode: Int, durationMilliseconds: Double,
        hasAuth: Bool
    ) {
        self.endpoint = endpoint
        self.method = method
        self.errorType = errorType
        self.errorCode = errorCode
        self.durationMilliseconds = durationMilliseconds
        self.hasAuth = hasAuth
    }

    public static let definition = EventDefinition(
        name: "api_error", category: .performance,
        trigger: "When a handler throws or answers with a status of 500 or more.",
        properties: [
            .label("endpoint", "The route template."),
            .enumeration("method", RequestMethod.self, "The HTTP method."),
            .label("error_type", "The error's type name, never its message."),
            .count("error_code", "The status code the client received."),
            .duration("duration_ms", "Time until the failure, in milliseconds."),
            .flag("has_auth", "Whether the request carried credentials."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("endpoint", label: endpoint)
        properties.add("method", method)
        properties.add("error_type", label: errorType)
        properties.add("error_code", count: errorCode)
        properties.add("duration_ms", duration: durationMilliseconds)
        properties.add("has_auth", hasAuth)
    }
}
