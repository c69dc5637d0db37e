/// Works out a cohort's members over one project's columns.
///
/// A behavioural cohort takes one pass over the chunks that overlap its longest window, counting each
/// person's events per criterion in `[now − days, now]`; the criteria tree is then evaluated per person. Only
/// persons with at least one live event can be members: "did not perform" picks from the persons the project
/// has, not from every id imaginable.
enum CohortMembership {
    /// The persons meeting `criteria` as of `now` (microseconds since the epoch).
    static func members(of criteria: CohortCriteria, columns: ProjectColumns, now: Int64) -> PersonMask {
        let leaves = criteria.criteria
        let personCount = columns.persons.count
        var counts = Array(repeating: Array(repeating: Int32(0), count: personCount), count: leaves.count)
        // Which criteria read events of each name.
        var readers: [[Int]] = Array(repeating: [], count: columns.eventNames.count)
        for (index, leaf) in leaves.enumerated() {
            if let name = columns.eventNames.existingID(leaf.event) { readers[Int(name)].append(index) }
        }
        let starts = leaves.map { now - Int64($0.days) * UTCCalendar.microsecondsPerDay }
        let earliest = starts.min() ?? now
        let wanted = readers.map { UInt8($0.isEmpty ? 0 : 1) }
        let rows = UnsafeMutablePointer<Int32>.allocate(capacity: ColumnChunk.capacity)
        defer { rows.deallocate() }
        for chunk in columns.chunks where chunk.overlaps(from: earliest, to: now + 1) {
            let count = wanted.withUnsafeBufferPointer { chunk.rows(named: $0, into: rows) }
            for candidate in 0..<count {
                let row = Int(rows[candidate])
                let timestamp = chunk.timestamps[row]
                guard timestamp >= earliest, timestamp <= now, !chunk.isDeleted(row) else { continue }
                let person = Int(chunk.persons[row])
                for leaf in readers[Int(chunk.events[row])] where timestamp >= starts[leaf] {
                    counts[leaf][person] += 1
                }
            }
        }
        let live = Self.livePersons(columns)
        var members = PersonMask(personCount: personCount)
        for person in 0..<personCount where live.contains(UInt32(person)) {
            if criteria.holds({ Int(counts[$0][person]) }) { members.insert(UInt32(person)) }
        }
        return members
    }

    /// The persons among `distinctIDs` that have events in the columns (the others cannot match any event).
    static func members(ofStatic distinctIDs: some Sequence<String>, columns: ProjectColumns) -> PersonMask {
        var members = PersonMask(personCount: columns.persons.count)
        for distinctID in distinctIDs {
            if let person = columns.persons.existingID(distinctID) { members.insert(person) }
        }
        return members
    }

    /// Every person with at least one event that has not been deleted.
    static func livePersons(_ columns: ProjectColumns) -> PersonMask {
        var live = PersonMask(personCount: columns.persons.count)
        for chunk in columns.chunks where chunk.count > chunk.deletedCount {
            for row in 0..<chunk.count where !chunk.isDeleted(row) { live.insert(chunk.persons[row]) }
        }
        return live
    }
}
