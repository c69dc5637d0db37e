/// The latest events of a project (newest received first), filtered by name, property and time, with their
/// properties exactly as stored. Read from the insights engine's projection, which holds the stored rows.
struct EventExplorer: Sendable {
    struct Row: Sendable {
        let time: String
        let event: String
        let distinctID: String
        let properties: String
    }

    static let pageSize = 100
    /// The most rows examined per request, so a filter that matches nothing cannot scan without end.
    static let scanBudget = 2_000_000

    var event: String?
    var property: String?
    /// Compared with the property's value as PostHog compares (strings as they are, numbers and booleans as text).
    var value: String?
    /// Microseconds since the epoch, `[from, to)`.
    var from: Int64?
    var to: Int64?

    /// Up to ``pageSize`` matching rows, and whether the scan budget ran out before the oldest row.
    func latest(_ columns: ProjectColumns) -> (rows: [Row], truncated: Bool) {
        var eventID: UInt32?
        if let event {
            guard let id = columns.eventNames.existingID(event) else { return ([], false) }
            eventID = id
        }
        var propertyMatches: [UInt32: Bool] = [:]
        var rows: [Row] = []
        var scanned = 0
        for chunk in columns.chunks.reversed() {
            if let from, chunk.maxTimestamp < from { continue }
            if let to, chunk.minTimestamp >= to { continue }
            for row in stride(from: chunk.count - 1, through: 0, by: -1) where !chunk.isDeleted(row) {
                scanned += 1
                if scanned > Self.scanBudget { return (rows, true) }
                let timestamp = chunk.timestamps[row]
                if let from, timestamp < from { continue }
                if let to, timestamp >= to { continue }
                if let eventID, chunk.events[row] != eventID { continue }
                let text = chunk.properties[row]
                if self.property != nil {
                    let matches =
                        propertyMatches[text] ?? self.matches(columns.propertyTexts[text])
                    propertyMatches[text] = matches
                    if !matches { continue }
                }
                rows.append(
                    Row(
                        time: ISO8601Timestamp.format(timestamp), event: columns.eventNames[chunk.events[row]],
                        distinctID: columns.persons[chunk.persons[row]],
                        properties: columns.propertyTexts[text]))
                if rows.count == Self.pageSize { return (rows, false) }
            }
        }
        return (rows, false)
    }

    private func matches(_ properties: String) -> Bool {
        guard let property, case .object(let fields)? = JSONValue.parse(Array(properties.utf8)),
            let found = fields[property], found != .null
        else { return false }
        guard let value, !value.isEmpty else { return true }
        return (found.comparableText ?? found.jsonText) == value
    }
}
