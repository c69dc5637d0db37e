import CompressNIO
import Foundation
import NIOCore
import UsageCollector

/// Command-line options of `usage-bench ingest`.
struct IngestBenchmarkOptions {
    var events = 300_000
    var batch = 100
    var concurrency = 32
    var rawTransactionSize = 10_000
    var commitEvents = GroupCommitConfiguration().maxEvents
    var databaseURL: String?

    init(arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            let text = iterator.next()
            if argument == "--database-url" {
                self.databaseURL = text
                continue
            }
            let value = text.flatMap { Int($0) }
            switch (argument, value) {
            case ("--events", let value?): self.events = value
            case ("--batch", let value?): self.batch = value
            case ("--concurrency", let value?): self.concurrency = value
            case ("--raw-transaction", let value?): self.rawTransactionSize = value
            case ("--commit-events", let value?): self.commitEvents = value
            default: print("ignoring option \(argument)")
            }
        }
    }
}

/// Events as the SDK sends them (UUIDv7, microsecond timestamps, typical PSA properties), both as gzip
/// `/batch/` bodies and as the records the collector should store.
struct IngestWorkload {
    let bodies: [ByteBuffer]
    let records: [EventRecord]
    let averageCompressedBytes: Int
    let averageEventBytes: Int

    init(events count: Int, batch: Int, key: String) {
        let names = ["ticket_created", "ticket_updated", "user_logged_in", "search_performed", "api_request"]
        let priorities = ["low", "medium", "high", "urgent"]
        let start = Int64(Date().timeIntervalSince1970 * 1_000_000) - 3_600_000_000
        var records: [EventRecord] = []
        records.reserveCapacity(count)
        var bodies: [ByteBuffer] = []
        var jsonBytes = 0
        var compressedBytes = 0
        var events: [String] = []
        for index in 0..<count {
            let timestamp = start + Int64(index) * 10
            let uuid = Self.uuid7(timestamp: timestamp, sequence: UInt64(index))
            let name = names[index % names.count]
            let distinctID = "tenant_\(index % 97)_user_\(index % 1013)"
            let properties =
                #"{"$lib":"usage-analytics-swift","$lib_version":"1.0.0","app_version":"4.2.1","#
                + #""environment":"production","deployment_type":"on-premise","tenant_size":"11-50","#
                + #""priority":"\#(priorities[index % 4])","category":"hardware","source":"email","#
                + #""duration_ms":\#(index % 977),"has_attachments":\#(index % 3 == 0),"#
                + #""route":"/api/tickets/{id}","status_code":200}"#
            let timestampText = Self.iso(timestamp)
            events.append(
                #"{"event":"\#(name)","distinct_id":"\#(distinctID)","uuid":"\#(uuid.uuidString.lowercased())","#
                    + #""timestamp":"\#(timestampText)","properties":\#(properties)}"#
            )
            records.append(
                EventRecord(
                    project: key,
                    uuid: uuid,
                    event: name,
                    distinctID: distinctID,
                    timestamp: timestamp,
                    properties: properties,
                    receivedAt: timestamp
                )
            )
            if events.count == batch || index == count - 1 {
                let json =
                    #"{"api_key":"\#(key)","historical_migration":false,"batch":["#
                    + events.joined(separator: ",") + "]}"
                jsonBytes += json.utf8.count
                var buffer = ByteBuffer(string: json)
                let compressed = try! buffer.compress(with: .gzip())
                compressedBytes += compressed.readableBytes
                bodies.append(compressed)
                events.removeAll(keepingCapacity: true)
            }
        }
        self.bodies = bodies
        self.records = records
        self.averageCompressedBytes = compressedBytes / max(1, bodies.count)
        self.averageEventBytes = jsonBytes / max(1, count)
    }

    static func uuid7(timestamp: Int64, sequence: UInt64) -> UUID {
        let milliseconds = UInt64(timestamp / 1000)
        var random = SystemRandomNumberGenerator()
        let tail = random.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * UInt64(index))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: (sequence >> 8) & 0x0F)
        bytes[7] = UInt8(truncatingIfNeeded: sequence)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: tail & 0x3F)
        for index in 9..<16 { bytes[index] = UInt8(truncatingIfNeeded: tail >> (8 * UInt64(index - 8))) }
        return bytes.withUnsafeBytes { UUID(uuid: $0.load(as: uuid_t.self)) }
    }

    private static func iso(_ microseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(microseconds / 1_000_000))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
            parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!,
            Int(microseconds % 1_000_000)
        )
    }
}
