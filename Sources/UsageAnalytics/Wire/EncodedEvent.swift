import Foundation

/// One event exactly as it leaves the process: the JSON object that goes into a batch.
public struct EncodedEvent: Sendable, Hashable {
    /// The event's UUIDv7, made at capture and kept across retries.
    public let uuid: UUID
    /// The event's wire name.
    public let name: String
    /// The UTF-8 JSON object: `event`, `distinct_id`, `uuid`, `timestamp`, `properties`.
    public let json: [UInt8]

    /// Wraps an already encoded event.
    public init(uuid: UUID, name: String, json: [UInt8]) {
        self.uuid = uuid
        self.name = name
        self.json = json
    }
}

/// The body of a PostHog capture v0 `POST /batch/` request.
public enum BatchBody {
    /// `{"api_key": …, "batch": [events], "sent_at": …}`, with the events' bytes unchanged.
    public static func encode(_ events: [EncodedEvent], apiKey: String, sentAt: Date) -> [UInt8] {
        var writer = JSONWriter(capacity: events.reduce(64) { $0 + $1.json.count + 1 })
        writer.raw("{\"api_key\":")
        writer.string(apiKey)
        writer.raw(",\"batch\":[")
        for (index, event) in events.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.appendBytes(event.json)
        }
        writer.raw("],\"sent_at\":")
        writer.string(WireTimestamp.format(nanosecondsSince1970: Int64(sentAt.timeIntervalSince1970 * 1e9)))
        writer.raw("}")
        return writer.bytes
    }
}
