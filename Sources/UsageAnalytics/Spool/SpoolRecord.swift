import Foundation

/// The on-disk form of one spooled event.
///
/// A record is `length (u32 LE) · crc32 of payload (u32 LE) · payload`, where the payload is
/// `sequence (u64 LE) · uuid (16 bytes) · name length (u16 LE) · name · event JSON`. Reading stops
/// at the first record that is incomplete or fails its checksum: a torn tail after `kill -9`.
enum SpoolRecord {
    static let headerSize = 8
    static let maximumPayload = 16 * 1024 * 1024

    static func encode(sequence: UInt64, event: EncodedEvent, into bytes: inout [UInt8]) {
        var payload: [UInt8] = []
        payload.reserveCapacity(26 + event.name.utf8.count + event.json.count)
        appendLittleEndian(sequence, to: &payload)
        withUnsafeBytes(of: event.uuid.uuid) { payload.append(contentsOf: $0) }
        let name = Array(event.name.utf8.prefix(Int(UInt16.max)))
        appendLittleEndian(UInt16(name.count), to: &payload)
        payload.append(contentsOf: name)
        payload.append(contentsOf: event.json)
        appendLittleEndian(UInt32(payload.count), to: &bytes)
        appendLittleEndian(CRC32.checksum(payload), to: &bytes)
        bytes.append(contentsOf: payload)
    }

    /// Every intact record of a segment, and whether reading stopped before the end.
    static func decodeAll(_ bytes: [UInt8]) -> (records: [(sequence: UInt64, event: EncodedEvent)], isTorn: Bool) {
        var records: [(sequence: UInt64, event: EncodedEvent)] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + headerSize <= bytes.count else { return (records, true) }
            let length = Int(readLittleEndian(UInt32.self, bytes, at: offset))
            let checksum = readLittleEndian(UInt32.self, bytes, at: offset + 4)
            let start = offset + headerSize
            guard length >= 26, length <= maximumPayload, start + length <= bytes.count else { return (records, true) }
            let payload = bytes[start..<(start + length)]
            guard CRC32.checksum(payload) == checksum else { return (records, true) }
            let sequence = readLittleEndian(UInt64.self, bytes, at: start)
            let uuid = bytes[(start + 8)..<(start + 24)].withUnsafeBytes { raw in
                UUID(uuid: raw.loadUnaligned(as: uuid_t.self))
            }
            let nameLength = Int(readLittleEndian(UInt16.self, bytes, at: start + 24))
            guard 26 + nameLength <= length else { return (records, true) }
            let name = String(decoding: bytes[(start + 26)..<(start + 26 + nameLength)], as: UTF8.self)
            let json = Array(bytes[(start + 26 + nameLength)..<(start + length)])
            records.append((sequence, EncodedEvent(uuid: uuid, name: name, json: json)))
            offset = start + length
        }
        return (records, false)
    }

    static func appendLittleEndian<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func readLittleEndian<Integer: FixedWidthInteger>(
        _ type: Integer.Type, _ bytes: [UInt8], at offset: Int
    ) -> Integer {
        var value = Integer.zero
        for index in (0..<MemoryLayout<Integer>.size).reversed() {
            value = value << 8 | Integer(bytes[offset + index])
        }
        return value
    }
}
