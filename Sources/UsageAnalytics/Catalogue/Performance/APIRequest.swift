/// `api_request`: an HTTP request finished (sampled).
public struct APIRequest: AnalyticsEvent {
    /// The route template, such as `/api/tickets/{id}`; never a raw path.
    public var endpoint: String
    public var method: RequestMethod
    public var status: Int
    public var durationMilliseconds: Double
    public var hasAuth: Bool
    public var isSlow: Bool

    public init(
        endpoint: String, method: RequestMethod, status: Int, durationMilliseconds: Double, hasAuth: Bool, isSlow: Bool
    ) {
        self.endpoint = endpoint
        self.method = method
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.hasAuth = hasAuth
        self.isSlow = isSlow
    }

    public static let definition = EventDefinition(
        name: "api_request", category: .performance,
        trigger: "When a request finishes; sampled by the configured rate (default 1.0).",
        properties: [
            .label("endpoint", \Self.endpoint, "The route template, never the raw path."),
            .enumeration("method", \Self.method, "The HTTP method."),
            .count("status", \Self.status, "The response status code."),
            .duration("duration_ms", \Self.durationMilliseconds, "Time to the response head, in milliseconds."),
            .flag("has_auth", \Self.hasAuth, "Whether the request carried credentials."),
            .flag("is_slow", \Self.isSlow, "Whether it took longer than the slow-request threshold (1000 ms)."),
        ])
}
