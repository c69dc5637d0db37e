/// Size and shape limits applied to capture and import requests, measured after decompression.
public struct IngestLimits: Sendable, Equatable {
    /// Largest batch request (`{"batch": [...]}` or an array), in bytes. PostHog: 20 MB.
    public var maxBatchRequestBytes: Int
    /// Largest single-event request, in bytes. PostHog: 2 MB.
    public var maxSingleEventRequestBytes: Int
    /// Largest event inside a request, in bytes. PostHog: 1 MB.
    public var maxEventBytes: Int
    /// Deepest JSON nesting accepted, counting the outermost value as 1.
    public var maxNestingDepth: Int
    /// `distinct_id` is cut to this many characters (Unicode scalars).
    public var maxDistinctIDLength: Int
    /// Largest NDJSON body accepted by `POST /api/import`, in bytes.
    public var maxImportBytes: Int
    /// Most events in one request: tiny events (`{}` is 3 bytes) would otherwise let a 20 MB body
    /// expand into gigabytes of parsed events.
    public var maxEventsPerRequest: Int
    /// Most request-body bytes all capture and import requests may hold at once; beyond it requests get 503 with
    /// `Retry-After` (`COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT`).
    public var maxBodyBytesInFlight: Int

    /// Creates limits; the defaults are PostHog's.
    public init(
        maxBatchRequestBytes: Int = 20 * 1024 * 1024,
        maxSingleEventRequestBytes: Int = 2 * 1024 * 1024,
        maxEventBytes: Int = 1024 * 1024,
        maxNestingDepth: Int = 64,
        maxDistinctIDLength: Int = 200,
        maxImportBytes: Int = 256 * 1024 * 1024,
        maxEventsPerRequest: Int = 100_000,
        maxBodyBytesInFlight: Int = 256 * 1024 * 1024
    ) {
        self.maxBatchRequestBytes = maxBatchRequestBytes
        self.maxSingleEventRequestBytes = maxSingleEventRequestBytes
        self.maxEventBytes = maxEventBytes
        self.maxNestingDepth = maxNestingDepth
        self.maxDistinctIDLength = maxDistinctIDLength
        self.maxImportBytes = maxImportBytes
        self.maxEventsPerRequest = maxEventsPerRequest
        self.maxBodyBytesInFlight = maxBodyBytesInFlight
    }
}
