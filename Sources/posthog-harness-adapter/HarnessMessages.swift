import Foundation
import Hummingbird
import UsageAnalytics

/// A JSON request body, read with a size cap and parsed by the SDK's bounded JSON parser.
struct HarnessRequestBody {
    let members: [String: PropertyValue]

    static let maximumSize = 1 << 20

    init(_ request: Request) async throws {
        let buffer = try await request.body.collect(upTo: Self.maximumSize)
        let value: PropertyValue
        do {
            value = try PropertyValue(json: Array(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "\(error)")
        }
        guard case .object(let members) = value else { throw HTTPError(.badRequest, message: "expected a JSON object") }
        self.members = members
    }

    func string(_ key: String) throws -> String {
        guard case .string(let text) = members[key], !text.isEmpty else {
            throw HTTPError(.badRequest, message: "\(key) must be a non-empty string")
        }
        return text
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        switch members[key] {
        case nil, .null: return nil
        case .int(let number) where range.contains(number): return number
        default:
            throw HTTPError(
                .badRequest, message: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    func optionalBool(_ key: String) throws -> Bool? {
        switch members[key] {
        case nil, .null: return nil
        case .bool(let flag): return flag
        default: throw HTTPError(.badRequest, message: "\(key) must be true or false")
        }
    }
}

struct InitRequest {
    let apiKey: String
    let host: String
    let flushAt: Int?
    let flushIntervalMilliseconds: Int?
    let maxRetries: Int?
    let enableCompression: Bool?
    let disableGeoIP: Bool?

    init(_ body: HarnessRequestBody) throws {
        apiKey = try body.string("api_key")
        host = try body.string("host")
        guard host.hasPrefix("http://") || host.hasPrefix("https://") else {
            throw HTTPError(.badRequest, message: "host must be an http:// or https:// URL")
        }
        flushAt = try body.optionalInt("flush_at", in: 1...1_000)
        flushIntervalMilliseconds = try body.optionalInt("flush_interval_ms", in: 1...3_600_000)
        maxRetries = try body.optionalInt("max_retries", in: 0...10)
        enableCompression = try body.optionalBool("enable_compression")
        disableGeoIP = try body.optionalBool("disable_geoip")
    }
}

struct CaptureRequest {
    let distinctID: String
    let event: String
    let properties: [String: PropertyValue]
    let timestamp: Date?

    init(_ body: HarnessRequestBody) throws {
        distinctID = try body.string("distinct_id")
        event = try body.string("event")
        switch body.members["properties"] {
        case nil, .null: properties = [:]
        case .object(let members): properties = members
        default: throw HTTPError(.badRequest, message: "properties must be an object")
        }
        switch body.members["timestamp"] {
        case nil, .null: timestamp = nil
        case .string(let text):
            guard let date = Self.parseTimestamp(text) else {
                throw HTTPError(.badRequest, message: "timestamp must be ISO 8601")
            }
            timestamp = date
        default: throw HTTPError(.badRequest, message: "timestamp must be an ISO 8601 string")
        }
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let whole = ISO8601DateFormatter()
        whole.formatOptions = [.withInternetDateTime]
        return fractional.date(from: text) ?? whole.date(from: text)
    }
}

struct HealthResponse: ResponseEncodable {
    let sdkName = "usage-analytics-swift"
    let sdkVersion = UsageAnalyticsVersion.current
    let adapterVersion = "1.0.0"
    let capabilities = ["capture_v0", "encoding_gzip"]

    enum CodingKeys: String, CodingKey {
        case sdkName = "sdk_name", sdkVersion = "sdk_version", adapterVersion = "adapter_version", capabilities
    }
}

struct SuccessResponse: ResponseEncodable {
    let success = true
}

struct CaptureResponse: ResponseEncodable {
    let success = true
    let uuid: String
}

struct FlushResponse: ResponseEncodable {
    let success = true
    let eventsFlushed: Int

    enum CodingKeys: String, CodingKey {
        case success, eventsFlushed = "events_flushed"
    }
}

struct StateResponse: ResponseEncodable {
    struct RequestMade: Encodable {
        let timestampMilliseconds: Int64
        let statusCode: Int?
        let retryAttempt: Int
        let eventCount: Int
        let uuidList: [String]

        enum CodingKeys: String, CodingKey {
            case timestampMilliseconds = "timestamp_ms", statusCode = "status_code", retryAttempt = "retry_attempt"
            case eventCount = "event_count", uuidList = "uuid_list"
        }
    }

    let pendingEvents: Int
    let totalEventsCaptured: Int
    let totalEventsSent: Int
    let totalRetries: Int
    let lastError: String?
    let requestsMade: [RequestMade]

    init(pendingEvents: Int, totalEventsCaptured: Int, observer: HarnessObserver) {
        let attempts = observer.all
        self.pendingEvents = pendingEvents
        self.totalEventsCaptured = totalEventsCaptured
        self.totalEventsSent = observer.totalSent
        self.totalRetries = attempts.filter { $0.retryAttempt > 0 }.count
        self.lastError = attempts.last(where: { $0.failure != nil })?.failure?.reason
        self.requestsMade = attempts.map { attempt in
            RequestMade(
                timestampMilliseconds: Int64(attempt.finishedAt.timeIntervalSince1970 * 1000),
                statusCode: attempt.statusCode, retryAttempt: attempt.retryAttempt, eventCount: attempt.eventCount,
                uuidList: attempt.uuids.map { $0.uuidString.lowercased() })
        }
    }

    enum CodingKeys: String, CodingKey {
        case pendingEvents = "pending_events", totalEventsCaptured = "total_events_captured"
        case totalEventsSent = "total_events_sent", totalRetries = "total_retries", lastError = "last_error"
        case requestsMade = "requests_made"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pendingEvents, forKey: .pendingEvents)
        try container.encode(totalEventsCaptured, forKey: .totalEventsCaptured)
        try container.encode(totalEventsSent, forKey: .totalEventsSent)
        try container.encode(totalRetries, forKey: .totalRetries)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(requestsMade, forKey: .requestsMade)
    }
}
