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
            .label("endpoint", \Self.endpoint, "The route template."),
            .enumeration("method", \Self.method, "The HTTP method."),
            .label("error_type", \Self.errorType, "The error's type name, never its message."),
            .count("error_code", \Self.errorCode, "The status code the client received."),
            .duration("duration_ms", \Self.durationMilliseconds, "Time until the failure, in milliseconds."),
            .flag("has_auth", \Self.hasAuth, "Whether the request carried credentials."),
        ])
}
