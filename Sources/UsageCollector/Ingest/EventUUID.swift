import Foundation

/// Parsing, formatting and generation of event UUIDs.
enum EventUUID {
    /// Parses the canonical 36-character form (either case).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard bytes.count == 36 else { return nil }
        var raw = [UInt8](repeating: 0, count: 16)
        var output = 0
        var index = 0
        while index < 36 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard bytes[index] == UInt8(ascii: "-") else { return nil }
                index += 1
                continue
            }
            guard let high = JSONScanner.hexValue(bytes[index]), let low = JSONScanner.hexValue(bytes[index + 1]) else {
                return nil
            }
            raw[output] = high << 4 | low
            output += 1
            index += 2
        }
        return raw.withUnsafeBytes { UUID(uuid: $0.load(as: uuid_t.self)) }
    }

    /// A time-ordered version 7 UUID for `microseconds` since the epoch (RFC 9562).
    static func version7(microseconds: Int64) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, microseconds / 1000))
        let randomA = generator.next() as UInt64
        let randomB = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: randomA & 0x0F)
        bytes[7] = UInt8(truncatingIfNeeded: randomA >> 8)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: (randomA >> 16) & 0x3F)
        for index in 9..<16 { bytes[index] = UInt8(truncatingIfNeeded: randomB >> (8 * UInt64(index - 9))) }
        return bytes.withUnsafeBytes { UUID(uuid: $0.load(as: uuid_t.self)) }
    }
}
