import Foundation

/// Position in the (timestamp, uuid) order of events, for paging through an export.
public struct EventCursor: Sendable, Equatable {
    /// Timestamp of the last event seen, in microseconds since the epoch.
    public var timestamp: Int64
    /// uuid of the last event seen.
    public var uuid: UUIDBytes

    /// The cursor just after `record`.
    public init(after record: EventRecord) {
        self.timestamp = record.timestamp
        self.uuid = UUIDBytes(record.uuid)
    }

    /// The cursor just after the event at `timestamp` with `uuid` (a position kept in a file, for instance).
    public init(timestamp: Int64, uuid: UUID) {
        self.timestamp = timestamp
        self.uuid = UUIDBytes(uuid)
    }
}
