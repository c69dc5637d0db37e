import Foundation

@testable import UsageCollector

/// The slow, obvious oracle the engine is compared with: events read back through `EventStore.events` into
/// dictionaries, each definition computed per person or per bucket with sets.
///
/// It shares the query parser, date-range resolution and the property-filter predicate with the engine (those
/// have their own tests); everything else is written again here.
struct ReferenceInsights {
    struct Event {
        let record: EventRecord
        let properties: [String: JSONValue]
        var tiebreak: (Int64, UInt64, String) {
            let tail = withUnsafeBytes(of: self.record.uuid.uuid) {
                $0[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            }
            return (self.record.timestamp, tail, self.record.uuid.uuidString)
        }
    }

    struct FunnelRow: Equatable {
        var counts: [Int]
        var averages: [Double?]
        var medians: [Double?]
    }

    struct TrendRow: Equatable {
        var series: Int
        var breakdown: String?
        var compare: String?
        var data: [Double]
    }

    let events: [Event]
    /// Members of each cohort by distinct id, worked out by ``ReferenceCohorts``.
    var cohorts: [Int: Set<String>] = [:]

    static func load(_ store: any EventStore, project: String) async throws -> ReferenceInsights {
        var records: [EventRecord] = []
        var cursor: EventCursor?
        while true {
            let page = try await store.events(EventFilter(project: project), after: cursor, limit: 500)
            records += page
            guard let last = page.last, page.count == 500 else { break }
            cursor = EventCursor(after: last)
        }
        return ReferenceInsights(
            events: records.map { record in
                let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(record.properties.utf8))
                return Event(record: record, properties: object ?? [:])
            })
    }

    var earliest: Int64? { self.events.map(\.record.timestamp).min() }

    static func breakdownValue(_ properties: [String: JSONValue], _ key: String) -> String? {
        guard let value = properties[key] else { return nil }
        switch value {
        case .null: return nil
        case .string(let text): return text.isEmpty ? nil : text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .array, .object: return value.jsonText
        }
    }

    func matches(_ series: EventSeries, _ event: Event) -> Bool {
        (series.event == nil || series.event == event.record.event) && self.passes(series.predicate, event)
    }

    /// Whether `event` passes `predicate`, its person's memberships read from ``cohorts``.
    func passes(_ predicate: PropertyPredicate, _ event: Event) -> Bool {
        predicate.matches(event.properties) { self.cohorts[$0]?.contains(event.record.distinctID) ?? false }
    }

    static func quantile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = p * Double(sorted.count - 1)
        let below = sorted[Int(rank.rounded(.down))]
        let above = sorted[Int(rank.rounded(.up))]
        return below + (above - below) * (rank - rank.rounded(.down))
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
