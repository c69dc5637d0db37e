import Foundation

/// One validated event, as the collector stores and exports it.
public struct EventRecord: Sendable, Equatable, Hashable {
    /// Project key the event was sent with.
    public var project: String
    /// The client's uuid, or a generated UUIDv7; unique per project.
    public var uuid: UUID
    /// Event name, such as `$pageview` or `ticket_created`.
    public var event: String
    /// Who did it (at most 200 characters).
    public var distinctID: String
    /// When it happened, clock-skew corrected, in microseconds since the Unix epoch (UTC).
    public var timestamp: Int64
    /// The `properties` object as JSON text.
    public var properties: String
    /// When the collector accepted it, in microseconds since the Unix epoch.
    public var receivedAt: Int64

    /// Creates a record.
    public init(
        project: String,
        uuid: UUID,
        event: String,
        distinctID: String,
        timestamp: Int64,
        properties: String,
        receivedAt: Int64
    ) {
        self.project = project
        self.uuid = uuid
        self.event = event
        self.distinctID = distinctID
        self.timestamp = timestamp
        self.properties = properties
        self.receivedAt = receivedAt
    }

    /// `timestamp` as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(self.timestamp) / 1_000_000) }
}
