import Foundation

/// Discovery: which events and properties a project has, read from the live projection.
enum EventDefinitions {
    static let sampleValueCount = 5
    /// Distinct `properties` texts examined per request, newest first, to bound the cost on varied data.
    static let propertyTextBudget = 20_000

    /// `{"results": [{"name", "volume", "last_seen_at"}], "count"}`, most frequent first.
    static func events(_ columns: ProjectColumns) -> JSONValue {
        let rows = columns.eventNames.values.enumerated()
            .filter { columns.eventVolume[$0.offset] > 0 }
            .sorted {
                columns.eventVolume[$0.offset] != columns.eventVolume[$1.offset]
                    ? columns.eventVolume[$0.offset] > columns.eventVolume[$1.offset] : $0.element < $1.element
            }
            .map { index, name -> JSONValue in
                .object([
                    "name": .string(name),
                    "volume": .int(columns.eventVolume[index]),
                    "last_seen_at": .string(ISO8601Timestamp.format(columns.eventLastSeen[index])),
                ])
            }
        return .object(["count": .int(rows.count), "results": .array(rows)])
    }

    /// `{"results": [{"name", "property_type", "is_numerical", "sample_values"}], "count"}` for the properties
    /// seen on `eventNames` (every event when empty), sorted by name.
    static func properties(_ columns: ProjectColumns, eventNames: [String]) -> JSONValue {
        let wanted = Set(eventNames.compactMap { columns.eventNames.existingID($0) })
        var texts: Set<UInt32> = []
        scan: for chunk in columns.chunks.reversed() {
            for row in stride(from: chunk.count - 1, through: 0, by: -1) where !chunk.isDeleted(row) {
                guard eventNames.isEmpty || wanted.contains(chunk.events[row]) else { continue }
                texts.insert(chunk.properties[row])
                if texts.count >= Self.propertyTextBudget { break scan }
            }
        }
        var lookup = PropertyLookup(texts: columns.propertyTexts)
        var types: [String: String] = [:]
        var samples: [String: [String]] = [:]
        for text in texts.sorted() {
            for (key, value) in lookup.properties(text) where value != .null {
                if types[key] == nil { types[key] = Self.type(of: value) }
                if let sample = value.comparableText, samples[key, default: []].count < Self.sampleValueCount,
                    !samples[key, default: []].contains(sample)
                {
                    samples[key, default: []].append(sample)
                }
            }
        }
        let rows = types.keys.sorted().map { key -> JSONValue in
            .object([
                "name": .string(key),
                "property_type": .string(types[key]!),
                "is_numerical": .bool(types[key] == "Numeric"),
                "sample_values": .array((samples[key] ?? []).map(JSONValue.string)),
            ])
        }
        return .object(["count": .int(rows.count), "results": .array(rows)])
    }

    private static func type(of value: JSONValue) -> String {
        switch value {
        case .int, .double: "Numeric"
        case .bool: "Boolean"
        case .string(let text): ISO8601Timestamp.parse(text) != nil ? "DateTime" : "String"
        default: "String"
        }
    }
}
