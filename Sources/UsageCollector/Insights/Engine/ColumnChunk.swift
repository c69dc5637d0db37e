import Foundation

/// Up to ``capacity`` events of one project in commit order, one array per column.
///
/// Chunks are values: a query copies the list of chunks in O(1) and reads it without a lock while appends
/// go on; only the open (last) chunk or a chunk hit by a deletion is ever copied.
struct ColumnChunk: Sendable {
    static let capacity = 1 << 16

    /// The tie-break key of an event: its uuid's last 8 bytes, big-endian.
    static func tiebreak(_ uuid: UUID) -> UInt64 {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }

    /// Event time, microseconds since the epoch.
    var timestamps: [Int64] = []
    /// Interned distinct id.
    var persons: [UInt32] = []
    /// Interned event name.
    var events: [UInt32] = []
    /// Interned `properties` JSON text.
    var properties: [UInt32] = []
    /// The uuid's last 8 bytes: orders events of one person at the same instant the same way on every
    /// store and after every rebuild.
    var tiebreaks: [UInt64] = []
    /// One bit per row: deleted from the store.
    var deleted: [UInt64] = []
    var deletedCount = 0
    var minTimestamp = Int64.max
    var maxTimestamp = Int64.min

    init() {
        self.timestamps.reserveCapacity(Self.capacity)
        self.persons.reserveCapacity(Self.capacity)
        self.events.reserveCapacity(Self.capacity)
        self.properties.reserveCapacity(Self.capacity)
        self.tiebreaks.reserveCapacity(Self.capacity)
    }

    var count: Int { self.timestamps.count }
    var isFull: Bool { self.timestamps.count >= Self.capacity }

    mutating func append(timestamp: Int64, person: UInt32, event: UInt32, properties: UInt32, tiebreak: UInt64) {
        self.tiebreaks.append(tiebreak)
        self.timestamps.append(timestamp)
        self.persons.append(person)
        self.events.append(event)
        self.properties.append(properties)
        self.minTimestamp = min(self.minTimestamp, timestamp)
        self.maxTimestamp = max(self.maxTimestamp, timestamp)
    }

    func isDeleted(_ row: Int) -> Bool {
        self.deletedCount > 0 && self.deleted[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    mutating func markDeleted(_ row: Int) {
        if self.deleted.isEmpty { self.deleted = Array(repeating: 0, count: Self.capacity / 64) }
        guard self.deleted[row >> 6] & (1 << UInt64(row & 63)) == 0 else { return }
        self.deleted[row >> 6] |= 1 << UInt64(row & 63)
        self.deletedCount += 1
    }

    /// Whether any row may fall in `[from, to)`.
    func overlaps(from: Int64, to: Int64) -> Bool {
        self.count > self.deletedCount && self.maxTimestamp >= from && self.minTimestamp < to
    }

    /// Bytes held by the columns (for the benchmark's per-event figure).
    var residentBytes: Int {
        (self.timestamps.capacity + self.tiebreaks.capacity) * 8
            + (self.persons.capacity + self.events.capacity + self.properties.capacity) * 4
            + self.deleted.capacity * 8
    }
}

extension ColumnChunk {
    /// Writes to `rows` every row whose event name is flagged 1 in `wanted` (0 or 1 per name id), in order, and
    /// returns how many. Names match at random, so a branch per row would be mispredicted often: the flag is
    /// added, never tested.
    func rows(named wanted: UnsafeBufferPointer<UInt8>, into rows: UnsafeMutablePointer<Int32>) -> Int {
        self.events.withUnsafeBufferPointer { events in
            var count = 0
            for row in 0..<events.count {
                rows[count] = Int32(truncatingIfNeeded: row)
                count &+= Int(wanted[Int(events[row])])
            }
            return count
        }
    }
}
