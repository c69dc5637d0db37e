import Foundation

/// A crash-safe, bounded, append-only queue of one destination's undelivered events.
///
/// Events go into segment files (`<id>.log`) before they are sent; acknowledged sequence
/// numbers go into a sibling `<id>.ack`. A segment whose every record is acknowledged is deleted.
/// After `kill -9`, ``recover()`` returns every intact unacknowledged record, oldest first, and
/// skips a torn tail. New events always start a new segment after a restart, so nothing is ever
/// appended behind a torn record. A lock file keeps two processes out of one spool.
///
/// Not thread-safe: its owner (a ``DeliveryChannel``) serializes access.
final class Spool {
    private struct Segment {
        var recordCount = 0
        var acknowledged: Set<UInt64> = []
        var bytes = 0
        var isFullyAcknowledged: Bool { acknowledged.count >= recordCount }
    }

    let directory: String
    let maximumBytes: Int
    let segmentBytes: Int
    private var segments: [UInt64: Segment] = [:]
    private var active: (id: UInt64, log: SpoolFile, acks: SpoolFile)?
    private var nextSequence: UInt64 = 1
    private let lock: Int32

    /// Opens the spool in `directory`, creating it (mode 0700) when needed.
    /// - Throws: ``SpoolError`` when the directory cannot be created or another process holds it.
    init(directory: String, maximumBytes: Int) throws(SpoolError) {
        self.directory = directory
        self.maximumBytes = maximumBytes
        // At least eight segments fit the bound, so it drops the oldest events, not the newest.
        self.segmentBytes = min(4 << 20, max(4 << 10, maximumBytes / 8))
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SpoolError(description: "cannot create \(directory): \(error.localizedDescription)")
        }
        let lockPath = directory + "/lock"
        lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw SpoolError.io("open", path: lockPath, errno: errno) }
        // A child forked by this process shares the lock until it execs; give such a brief hold
        // up to 100 ms before treating the spool as another process's.
        var attempts = 0
        while flock(lock, LOCK_EX | LOCK_NB) != 0 {
            attempts += 1
            guard attempts < 50, errno == EWOULDBLOCK || errno == EINTR else {
                close(lock)
                throw SpoolError(description: "\(directory) is in use by another process")
            }
            usleep(2_000)
        }
    }

    deinit {
        close(lock)
    }

    /// Total bytes of segment files on disk.
    var totalBytes: Int { segments.values.reduce(0) { $0 + $1.bytes } }

    /// Reads every segment and returns the unacknowledged records, oldest first.
    func recover() throws(SpoolError) -> (entries: [SpoolEntry], tornSegments: Int) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SpoolError(description: "cannot list \(directory): \(error.localizedDescription)")
        }
        // Only regular files named like segments are read: anything else is left alone.
        let ids = names.compactMap { name -> UInt64? in
            guard name.hasSuffix(".log"), let id = UInt64(name.dropLast(4), radix: 16) else { return nil }
            var status = stat()
            guard lstat(directory + "/" + name, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            return id
        }.sorted()
        var entries: [SpoolEntry] = []
        var torn = 0
        for id in ids {
            let bytes = try SpoolFile.read(path: logPath(id)) ?? []
            let (records, isTorn) = SpoolRecord.decodeAll(bytes)
            if isTorn { torn += 1 }
            let ackBytes = try SpoolFile.read(path: ackPath(id)) ?? []
            if ackBytes.count % 12 != 0 {
                // A torn acknowledgement: cut it, so later acknowledgements are not read out of step.
                truncate(ackPath(id), off_t(ackBytes.count - ackBytes.count % 12))
            }
            let acknowledged = Self.acknowledgements(ackBytes)
            var segment = Segment(recordCount: records.count, acknowledged: [], bytes: bytes.count)
            for record in records {
                nextSequence = max(nextSequence, record.sequence + 1)
                if acknowledged.contains(record.sequence) {
                    segment.acknowledged.insert(record.sequence)
                } else {
                    entries.append(SpoolEntry(sequence: record.sequence, segment: id, event: record.event))
                }
            }
            segments[id] = segment
            if segment.isFullyAcknowledged { deleteSegment(id) }
        }
        // An acknowledgement file without its segment (a crash between the two deletions) must not
        // mark the records of a future segment with the same id.
        for name in names where name.hasSuffix(".ack") {
            if let id = UInt64(name.dropLast(4), radix: 16), segments[id] == nil { unlink(ackPath(id)) }
        }
        entries.sort { $0.sequence < $1.sequence }
        return (entries, torn)
    }

    /// Writes `events` durably and returns their entries, starting a new segment whenever the
    /// active one is full, so no segment grows much past `segmentBytes` and the bound can drop
    /// the oldest events without the newest.
    func append(_ events: [EncodedEvent]) throws(SpoolError) -> [SpoolEntry] {
        var entries: [SpoolEntry] = []
        entries.reserveCapacity(events.count)
        var index = events.startIndex
        while index < events.endIndex {
            let target = try activeSegment()
            var bytes: [UInt8] = []
            let first = entries.count
            while index < events.endIndex, bytes.isEmpty || target.log.size + bytes.count < segmentBytes {
                SpoolRecord.encode(sequence: nextSequence, event: events[index], into: &bytes)
                entries.append(SpoolEntry(sequence: nextSequence, segment: target.id, event: events[index]))
                nextSequence += 1
                index += 1
            }
            try target.log.append(bytes)
            segments[target.id, default: Segment()].recordCount += entries.count - first
            segments[target.id, default: Segment()].bytes += bytes.count
        }
        return entries
    }

    /// Records that `entries` were delivered (or dropped for good); deletes segments left empty.
    func acknowledge(_ entries: [SpoolEntry]) throws(SpoolError) {
        var bySegment: [UInt64: [UInt64]] = [:]
        for entry in entries {
            guard let segment = entry.segment else { continue }
            bySegment[segment, default: []].append(entry.sequence)
        }
        for (id, sequences) in bySegment {
            guard segments[id] != nil else { continue }
            segments[id]!.acknowledged.formUnion(sequences)
            if segments[id]!.isFullyAcknowledged, active?.id != id {
                deleteSegment(id)
                continue
            }
            var bytes: [UInt8] = []
            for sequence in sequences {
                var record: [UInt8] = []
                SpoolRecord.appendLittleEndian(sequence, to: &record)
                bytes += record
                SpoolRecord.appendLittleEndian(CRC32.checksum(record), to: &bytes)
            }
            if active?.id == id {
                try active!.acks.append(bytes)
            } else {
                let acks = try SpoolFile(path: ackPath(id))
                try acks.append(bytes)
            }
        }
    }

    /// Deletes the oldest segments until the spool fits its bound; returns the ids of the deleted
    /// segments, whose unacknowledged events are lost, or `nil` when the spool fits.
    func enforceBound() -> Set<UInt64>? {
        guard totalBytes > maximumBytes else { return nil }
        var dropped: Set<UInt64> = []
        for id in segments.keys.sorted() where totalBytes > maximumBytes {
            if active?.id == id { active = nil }
            dropped.insert(id)
            deleteSegment(id)
        }
        return dropped
    }

    private func activeSegment() throws(SpoolError) -> (id: UInt64, log: SpoolFile, acks: SpoolFile) {
        if let active, active.log.size < segmentBytes { return active }
        if let previous = active, segments[previous.id]?.isFullyAcknowledged == true {
            deleteSegment(previous.id)
        }
        let id = (segments.keys.max() ?? 0) + 1
        let segment = (id: id, log: try SpoolFile(path: logPath(id)), acks: try SpoolFile(path: ackPath(id)))
        segments[id] = Segment()
        active = segment
        return segment
    }

    private func deleteSegment(_ id: UInt64) {
        unlink(ackPath(id))
        unlink(logPath(id))
        segments[id] = nil
        if active?.id == id { active = nil }
    }

    private func logPath(_ id: UInt64) -> String { directory + "/" + Self.name(id) + ".log" }
    private func ackPath(_ id: UInt64) -> String { directory + "/" + Self.name(id) + ".ack" }

    private static func name(_ id: UInt64) -> String {
        let hex = String(id, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// The acknowledged sequence numbers of an ack file: 12-byte entries, torn or corrupt ones skipped.
    private static func acknowledgements(_ bytes: [UInt8]) -> Set<UInt64> {
        var result: Set<UInt64> = []
        var offset = 0
        while offset + 12 <= bytes.count {
            let checksum = SpoolRecord.readLittleEndian(UInt32.self, bytes, at: offset + 8)
            if CRC32.checksum(bytes[offset..<(offset + 8)]) == checksum {
                result.insert(SpoolRecord.readLittleEndian(UInt64.self, bytes, at: offset))
            }
            offset += 12
        }
        return result
    }
}
