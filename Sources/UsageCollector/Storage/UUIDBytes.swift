import Foundation

/// The 16 bytes of a UUID in network order, as stored by both engines.
public struct UUIDBytes: Sendable, Equatable, Hashable {
    /// The bytes.
    public let bytes: [UInt8]

    /// The bytes of `uuid`.
    public init(_ uuid: UUID) {
        self.bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    /// The UUID made of `data`, or nil unless it holds 16 bytes.
    static func uuid(from data: Data) -> UUID? {
        guard data.count == 16 else { return nil }
        return data.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }

    /// Lower-case canonical text, as PostHog writes uuids.
    static func text(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
}
