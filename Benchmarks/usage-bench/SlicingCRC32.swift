/// The spool's former hand-written CRC-32 (slicing-by-8: eight bytes per step through eight
/// tables), kept as the baseline `usage-bench crc32` measures zlib's `crc32_z` against.
enum SlicingCRC32 {
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 {
                value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1)
            }
            tables[0][index] = value
        }
        for index in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[slice - 1][index]
                tables[slice][index] = (previous >> 8) ^ tables[0][Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        let result = bytes.withContiguousStorageIfAvailable { checksum(buffer: UnsafeRawBufferPointer($0)) }
        return result ?? Array(bytes).withUnsafeBytes { checksum(buffer: $0) }
    }

    private static func checksum(buffer: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = ~0
        var offset = 0
        let count = buffer.count
        tables.withUnsafeBufferPointer { tables in
            let t0 = tables[0], t1 = tables[1], t2 = tables[2], t3 = tables[3]
            let t4 = tables[4], t5 = tables[5], t6 = tables[6], t7 = tables[7]
            while offset + 8 <= count {
                let low = crc ^ buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
                let high = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
                crc =
                    t7[Int(low & 0xFF)] ^ t6[Int((low >> 8) & 0xFF)] ^ t5[Int((low >> 16) & 0xFF)]
                    ^ t4[Int(low >> 24)] ^ t3[Int(high & 0xFF)] ^ t2[Int((high >> 8) & 0xFF)]
                    ^ t1[Int((high >> 16) & 0xFF)] ^ t0[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                crc = t0[Int((crc ^ UInt32(buffer[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
        }
        return ~crc
    }
}
