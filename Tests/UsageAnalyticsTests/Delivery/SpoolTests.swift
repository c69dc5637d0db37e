import Foundation
import Testing

@testable import UsageAnalytics

@Suite("Spool")
struct SpoolTests {
    static func events(_ count: Int, size: Int = 60) -> [EncodedEvent] {
        var generator = UUIDv7Generator()
        return (0..<count).map { index in
            let json =
                Array(#"{"event":"e","n":\#(index),"pad":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: size)
                + Array(#""}"#.utf8)
            return EncodedEvent(uuid: generator.next(millisecondsSince1970: 1_700_000_000_000), name: "e", json: json)
        }
    }

    @Test("records are checksummed with CRC-32/IEEE, so spools written by earlier versions still recover")
    func checksumIsCRC32IEEE() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array(repeating: UInt8(0xFF), count: 32)[3...]) == 0x9C86_8FFA)
    }

    @Test("appended events survive reopening, in order; acknowledged ones do not")
    func recoverUnacknowledged() throws {
        let directory = try TemporaryDirectory()
        let events = Self.events(10)
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            let entries = try spool.append(events)
            try spool.acknowledge(Array(entries[0..<4]))
        }
        let reopened = try Spool(directory: directory.path, maximumBytes: 1 << 20)
        let (recovered, torn) = try reopened.recover()
        #expect(torn == 0)
        #expect(recovered.map(\.event) == Array(events[4...]))
    }

    @Test("a torn tail after kill -9 loses only the torn record")
    func tornTail() throws {
        let directory = try TemporaryDirectory()
        let events = Self.events(5)
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            _ = try spool.append(events)
        }
        let segment = directory.path + "/0000000000000001.log"
        let size = try #require(FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: segment))
        try handle.truncate(atOffset: UInt64(size - 7))
        try handle.close()
        let (recovered, torn) = try Spool(directory: directory.path, maximumBytes: 1 << 20).recover()
        #expect(torn == 1)
        #expect(recovered.map(\.event) == Array(events[0..<4]))
    }

    @Test("a flipped byte stops reading that segment at the damaged record; later segments still recover")
    func corruptRecord() throws {
        let directory = try TemporaryDirectory()
        let first = Self.events(3)
        let second = Self.events(2)
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            _ = try spool.append(first)
        }
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            _ = try spool.recover()
            _ = try spool.append(second)
        }
        let segment = directory.path + "/0000000000000001.log"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: segment)))
        let recordSize = bytes.count / 3
        bytes[recordSize + 40] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        let (recovered, torn) = try Spool(directory: directory.path, maximumBytes: 1 << 20).recover()
        #expect(torn == 1)
        #expect(recovered.map(\.event) == [first[0]] + second)
    }

    @Test("a fully acknowledged segment is deleted, its files with it")
    func segmentsDeleted() throws {
        let directory = try TemporaryDirectory()
        let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
        let big = try spool.append(Self.events(1, size: 140 << 10))  // fills the 128 KiB segment
        _ = try spool.append(Self.events(1))  // so this one starts segment 2
        #expect(try logFiles(directory) == ["0000000000000001.log", "0000000000000002.log"])
        try spool.acknowledge(big)
        #expect(try logFiles(directory) == ["0000000000000002.log"])
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/0000000000000001.ack"))
    }

    func logFiles(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".log") }.sorted()
    }

    @Test("over its bound the spool drops whole oldest segments and reports them")
    func bound() throws {
        let directory = try TemporaryDirectory()
        let spool = try Spool(directory: directory.path, maximumBytes: 256 << 10)
        var all: [SpoolEntry] = []
        var droppedSegments: Set<UInt64> = []
        for _ in 0..<12 {
            all += try spool.append(Self.events(1, size: 40 << 10))
            droppedSegments.formUnion(spool.enforceBound() ?? [])
        }
        #expect(spool.totalBytes <= 256 << 10)
        #expect(!droppedSegments.isEmpty)
        #expect(droppedSegments.contains(all[0].segment!))
        #expect(!droppedSegments.contains(all.last!.segment!))
    }

    @Test("one large append is spread over segments, so the bound drops only the oldest events")
    func largeAppendRotates() throws {
        let directory = try TemporaryDirectory()
        let newest: EncodedEvent
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            let entries = try spool.append(Self.events(2_000, size: 1_000))
            #expect(try logFiles(directory).count > 8)
            let dropped = try #require(spool.enforceBound())
            #expect(spool.totalBytes <= 1 << 20)
            #expect(!dropped.contains(entries.last!.segment!), "the newest events survive")
            #expect(dropped.contains(entries.first!.segment!))
            newest = entries.last!.event
        }
        let (recovered, _) = try Spool(directory: directory.path, maximumBytes: 1 << 20).recover()
        #expect(recovered.last?.event == newest)
        #expect(recovered.count > 500 && recovered.count < 2_000)
    }

    @Test("a torn acknowledgement tail is cut, so acknowledgements written after it still count")
    func tornAcknowledgement() throws {
        let directory = try TemporaryDirectory()
        let events = Self.events(4)
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            let entries = try spool.append(events)
            try spool.acknowledge([entries[0]])
        }
        let ack = directory.path + "/0000000000000001.ack"
        let handle = try #require(FileHandle(forWritingAtPath: ack))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([1, 2, 3, 4, 5]))  // a crash in the middle of the next entry
        try handle.close()
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            let (recovered, _) = try spool.recover()
            #expect(recovered.map(\.event) == Array(events[1...]))
            try spool.acknowledge([recovered[0]])
        }
        let (recovered, _) = try Spool(directory: directory.path, maximumBytes: 1 << 20).recover()
        #expect(recovered.map(\.event) == Array(events[2...]))
    }

    @Test("an acknowledgement file without its segment is removed before it can mark new records")
    func orphanAcknowledgement() throws {
        let directory = try TemporaryDirectory()
        var ack: [UInt8] = []
        SpoolRecord.appendLittleEndian(UInt64(1), to: &ack)
        SpoolRecord.appendLittleEndian(CRC32.checksum(ack), to: &ack)
        try Data(ack).write(to: URL(fileURLWithPath: directory.path + "/0000000000000001.ack"))
        let events = Self.events(2)
        do {
            let spool = try Spool(directory: directory.path, maximumBytes: 1 << 20)
            _ = try spool.recover()
            _ = try spool.append(events)
        }
        let (recovered, _) = try Spool(directory: directory.path, maximumBytes: 1 << 20).recover()
        #expect(recovered.map(\.event) == events)
    }

    @Test("record checksums are standard CRC-32 (IEEE), at every length and alignment")
    func crc32Vectors() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for start in 0..<9 {
            let slice = bytes[start...]
            #expect(CRC32.checksum(slice) == Self.bytewiseCRC32(slice), "offset \(start)")
        }
    }

    /// The textbook bit-at-a-time CRC-32, as the reference.
    static func bytewiseCRC32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = ~0
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test("a second process cannot open the same spool")
    func exclusive() throws {
        let directory = try TemporaryDirectory()
        let first = try Spool(directory: directory.path, maximumBytes: 1 << 20)
        #expect(throws: SpoolError.self) { _ = try Spool(directory: directory.path, maximumBytes: 1 << 20) }
        _ = first
    }

    @Test("a path that is a file, not a directory, is a clear error")
    func notADirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/file"
        _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        #expect(throws: SpoolError.self) { _ = try Spool(directory: path, maximumBytes: 1 << 20) }
    }
}
