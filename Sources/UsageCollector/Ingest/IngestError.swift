/// A capture or import request the collector refuses, with the HTTP status and the PostHog-style error body.
///
/// The body is `{"type": type, "code": code, "detail": detail}`, with PostHog's types: `authentication_error`
/// for a 401, `server_error` for a 503, `validation_error` otherwise; `detail` is bounded so a hostile payload
/// cannot be echoed back at length.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code of the response.
    public let status: Int
    /// Stable machine-readable code, such as `invalid_payload` or `missing_distinct_id`.
    public let code: String
    /// Human-readable explanation.
    public let detail: String
    /// Seconds a client should wait before retrying, sent as `Retry-After` (503 only).
    public let retryAfterSeconds: Int?

    init(status: Int, code: String, detail: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.detail = String(detail.prefix(300))
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// `type` member of the error body.
    public var type: String {
        switch self.status {
        case 401: "authentication_error"
        case 503: "server_error"
        default: "validation_error"
        }
    }

    public var description: String { "\(self.status) \(self.code): \(self.detail)" }

    static func invalidPayload(_ detail: String) -> IngestError {
        IngestError(status: 400, code: "invalid_payload", detail: detail)
    }
    static let emptyBatch = IngestError(status: 400, code: "empty_batch", detail: "the batch contains no events")
    static func missingEventName(index: Int) -> IngestError {
        IngestError(status: 400, code: "missing_event_name", detail: "event \(index) has no event name")
    }
    static func missingDistinctID(index: Int) -> IngestError {
        IngestError(status: 400, code: "missing_distinct_id", detail: "event \(index) has no distinct_id")
    }
    static func invalidUUID(index: Int) -> IngestError {
        IngestError(status: 400, code: "invalid_uuid", detail: "event \(index) has a uuid that is not a valid UUID")
    }
    static func invalidTimestamp(index: Int) -> IngestError {
        IngestError(status: 400, code: "invalid_timestamp", detail: "event \(index) has an invalid timestamp")
    }
    static func eventTooLarge(index: Int, limit: Int) -> IngestError {
        IngestError(status: 400, code: "event_too_large", detail: "event \(index) is larger than \(limit) bytes")
    }
    static func tooManyEvents(limit: Int) -> IngestError {
        IngestError(status: 413, code: "request_too_large", detail: "the request holds more than \(limit) events")
    }
    static func nestingTooDeep(limit: Int) -> IngestError {
        IngestError(status: 400, code: "nesting_too_deep", detail: "JSON nesting is deeper than \(limit) levels")
    }
    static let missingAPIKey = IngestError(
        status: 401,
        code: "missing_api_key",
        detail: "no api_key or token was provided"
    )
    static let invalidAPIKey = IngestError(
        status: 401,
        code: "invalid_api_key",
        detail: "the api_key is not a project key of this collector"
    )
    static let mixedAPIKeys = IngestError(
        status: 401,
        code: "mixed_api_keys",
        detail: "the events of one request carry different api keys"
    )
    static func requestTooLarge(limit: Int) -> IngestError {
        IngestError(status: 413, code: "request_too_large", detail: "the request is larger than \(limit) bytes")
    }
    static let bodyBytesInFlightExceeded = IngestError(
        status: 503,
        code: "too_many_bytes_in_flight",
        detail: "the collector holds as many request bytes as it may; retry later",
        retryAfterSeconds: 1
    )
    static let writerSaturated = IngestError(
        status: 503,
        code: "writer_saturated",
        detail: "the event writer is saturated; retry later",
        retryAfterSeconds: 1
    )
    static let storageUnavailable = IngestError(
        status: 503,
        code: "storage_unavailable",
        detail: "the events could not be stored; retry later",
        retryAfterSeconds: 5
    )
}
