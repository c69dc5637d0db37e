import Foundation
import UsageAnalytics

/// A delivered event decoded from its exact wire bytes.
public struct CapturedEvent: Sendable {
    /// The wire name (`event`).
    public let name: String
    /// `distinct_id` as sent.
    public let distinctID: String
    /// `uuid` as sent.
    public let uuid: String
    /// `timestamp` as sent.
    public let timestamp: String
    /// Every property as sent, common ones included.
    public let properties: [String: PropertyValue]
    /// The top-level keys of the event object, to check nothing else was sent.
    public let topLevelKeys: Set<String>
    /// The exact bytes that left the process.
    public let json: [UInt8]

    /// Decodes `encoded`'s bytes as a PostHog event.
    public init(encoded: EncodedEvent) throws {
        try self.init(json: encoded.json)
    }

    /// Decodes one PostHog event object.
    public init(json: [UInt8]) throws {
        guard case .object(let object) = try PropertyValue(json: json) else {
            throw RecordingError(description: "an event is not a JSON object")
        }
        guard case .string(let name) = object["event"], case .string(let distinctID) = object["distinct_id"],
            case .string(let uuid) = object["uuid"], case .string(let timestamp) = object["timestamp"],
            case .object(let properties) = object["properties"]
        else {
            throw RecordingError(description: "an event lacks event, distinct_id, uuid, timestamp or properties")
        }
        self.name = name
        self.distinctID = distinctID
        self.uuid = uuid
        self.timestamp = timestamp
        self.properties = properties
        self.topLevelKeys = Set(object.keys)
        self.json = json
    }

    /// The properties that are not common to every event.
    public var eventProperties: [String: PropertyValue] {
        properties.filter { !Self.commonPropertyNames.contains($0.key) }
    }

    /// The names of the properties EVENTS.md puts on every event.
    public static let commonPropertyNames: Set<String> = [
        "$lib", "$lib_version", "$geoip_disable", "$process_person_profile", "$groups", "$set", "app_version",
        "environment", "deployment_type", "user_ids_anonymized",
    ]
}
