/// The engine's projection of one project's events: columns in chunks plus the dictionaries their ids refer to.
struct ProjectColumns: Sendable {
    private(set) var chunks: [ColumnChunk] = []
    private(set) var persons = Interner()
    private(set) var eventNames = Interner()
    private(set) var propertyTexts = Interner()
    /// Live events per event name id, for event definitions.
    private(set) var eventVolume: [Int] = []
    /// Latest timestamp per event name id.
    private(set) var eventLastSeen: [Int64] = []
    private(set) var liveCount = 0
    /// Goes up with every append and every deletion that removed rows: what derived answers (cohort
    /// memberships) are cached against.
    private(set) var generation = 0

    mutating func append(_ record: EventRecord) {
        if self.chunks.isEmpty || self.chunks[self.chunks.count - 1].isFull { self.chunks.append(ColumnChunk()) }
        let event = self.eventNames.id(record.event)
        if Int(event) == self.eventVolume.count {
            self.eventVolume.append(0)
            self.eventLastSeen.append(Int64.min)
        }
        self.eventVolume[Int(event)] += 1
        self.eventLastSeen[Int(event)] = max(self.eventLastSeen[Int(event)], record.timestamp)
        self.chunks[self.chunks.count - 1].append(
            timestamp: record.timestamp,
            person: self.persons.id(record.distinctID),
            event: event,
            properties: self.propertyTexts.id(record.properties),
            tiebreak: ColumnChunk.tiebreak(record.uuid)
        )
        self.liveCount += 1
        self.generation += 1
    }

    /// Marks the rows `filter` selects as deleted (its project has already been matched).
    /// - Returns: how many rows were newly deleted.
    @discardableResult
    mutating func delete(_ filter: EventFilter) -> Int {
        var person: UInt32?
        if let distinctID = filter.distinctID {
            guard let id = self.persons.existingID(distinctID) else { return 0 }
            person = id
        }
        var event: UInt32?
        if let name = filter.event {
            guard let id = self.eventNames.existingID(name) else { return 0 }
            event = id
        }
        let from = filter.from ?? Int64.min
        let to = filter.to ?? Int64.max
        var deleted = 0
        for index in self.chunks.indices where self.chunks[index].overlaps(from: from, to: to) {
            let chunk = self.chunks[index]
            var rows: [Int] = []
            for row in 0..<chunk.count where !chunk.isDeleted(row) {
                let timestamp = chunk.timestamps[row]
                guard timestamp >= from, timestamp < to else { continue }
                if let person, chunk.persons[row] != person { continue }
                if let event, chunk.events[row] != event { continue }
                rows.append(row)
            }
            guard !rows.isEmpty else { continue }
            for row in rows {
                self.chunks[index].markDeleted(row)
                self.eventVolume[Int(chunk.events[row])] -= 1
            }
            deleted += rows.count
        }
        self.liveCount -= deleted
        if deleted > 0 { self.generation += 1 }
        return deleted
    }

    /// The tie-break key of the event at `row` (counted over all chunks).
    func tiebreak(row: UInt32) -> UInt64 {
        self.chunks[Int(row) / ColumnChunk.capacity].tiebreaks[Int(row) % ColumnChunk.capacity]
    }

    /// The earliest live timestamp, for `date_from: all`.
    var earliestTimestamp: Int64? {
        let earliest = self.chunks.lazy.filter { $0.count > $0.deletedCount }.map(\.minTimestamp).min()
        return earliest
    }

    /// Bytes held by columns and dictionaries, approximately.
    var residentBytes: Int {
        let columns = self.chunks.reduce(0) { $0 + $1.residentBytes }
        let dictionaries = [self.persons, self.eventNames, self.propertyTexts].reduce(0) { total, interner in
            total + interner.values.reduce(0) { $0 + $1.utf8.count + 16 } + interner.count * 24
        }
        return columns + dictionaries
    }
}
