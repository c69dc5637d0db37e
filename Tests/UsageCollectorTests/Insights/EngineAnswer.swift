@testable import UsageCollector

/// Reads the engine's PostHog-shaped JSON back into the reference's plain structures.
enum EngineAnswer {
    static func field(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let fields) = value else { return nil }
        return fields[key]
    }

    static func items(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    /// `key` of every entry of a `{"results": [...]}` body.
    static func column(_ body: JSONValue?, _ key: String) -> [JSONValue?] {
        Self.items(body.flatMap { Self.field($0, "results") }).map { Self.field($0, key) }
    }

    static func funnelRows(_ answer: JSONValue, breakdown: Bool) -> [String: ReferenceInsights.FunnelRow] {
        let lists = breakdown ? Self.items(answer).map { Self.items($0) } : [Self.items(answer)]
        var rows: [String: ReferenceInsights.FunnelRow] = [:]
        for steps in lists {
            var label = ""
            if breakdown,
                case .string(let value)? = Self.items(steps.first.flatMap { Self.field($0, "breakdown_value") }).first
            {
                label = value
            }
            rows[label] = ReferenceInsights.FunnelRow(
                counts: steps.map { Self.field($0, "count")?.number.map { Int($0) } ?? -1 },
                averages: steps.map { Self.field($0, "average_conversion_time")?.number },
                medians: steps.map { Self.field($0, "median_conversion_time")?.number })
        }
        return rows
    }

    static func trendRows(_ answer: JSONValue, totalValue: Bool) -> [ReferenceInsights.TrendRow] {
        Self.items(answer).map { result in
            var breakdown: String?
            if case .string(let label)? = Self.field(result, "breakdown_value") { breakdown = label }
            var compare: String?
            if case .string(let label)? = Self.field(result, "compare_label") { compare = label }
            let order = Self.field(Self.field(result, "action") ?? .null, "order")?.number.map { Int($0) } ?? -1
            let data =
                totalValue
                ? [Self.field(result, "aggregated_value")?.number ?? .nan]
                : Self.items(Self.field(result, "data")).map { $0.number ?? .nan }
            return ReferenceInsights.TrendRow(series: order, breakdown: breakdown, compare: compare, data: data)
        }
    }

    static func funnelTrendRows(_ answer: JSONValue) -> [ReferenceInsights.FunnelTrendRow] {
        Self.items(answer).map { row in
            var breakdown: String?
            if case .string(let label)? = Self.field(row, "breakdown_value") { breakdown = label }
            return ReferenceInsights.FunnelTrendRow(
                breakdown: breakdown, data: Self.items(Self.field(row, "data")).map { $0.number ?? .nan })
        }
    }

    static func retentionTable(_ answer: JSONValue) -> [[Int]] {
        Self.items(answer).map { cohort in
            Self.items(Self.field(cohort, "values")).map { Self.field($0, "count")?.number.map { Int($0) } ?? -1 }
        }
    }

    static func close(_ left: [Double?], _ right: [Double?]) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { a, b in
            switch (a, b) {
            case (nil, nil): true
            case (let x?, let y?): abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
            default: false
            }
        }
    }

    /// Counts per step from the existential definition, person by person.
    static func existentialCounts(_ reference: ReferenceInsights, _ funnel: FunnelsQuery, now: Int64) -> [Int] {
        let range = funnel.dateRange.resolve(now: now, interval: .day, earliest: reference.earliest)
        var byPerson: [String: [ReferenceFunnel.Event]] = [:]
        for event in reference.events.sorted(by: { $0.tiebreak < $1.tiebreak })
        where event.record.timestamp >= range.from && event.record.timestamp < range.to
            && reference.passes(funnel.predicate, event)
        {
            let steps = funnel.steps.enumerated().filter { reference.matches($0.element, event) }.map {
                $0.offset + 1
            }
            guard !steps.isEmpty else { continue }
            byPerson[event.record.distinctID, default: []].append(
                ReferenceFunnel.Event(
                    timestamp: event.record.timestamp, uuid: event.record.uuid, breakdown: nil, steps: steps))
        }
        var exact = Array(repeating: 0, count: funnel.steps.count)
        for events in byPerson.values {
            let furthest = ReferenceFunnel.furthestExistential(
                events, stepCount: funnel.steps.count, window: funnel.window)
            if furthest >= 0 { exact[furthest] += 1 }
        }
        return exact.indices.map { exact[$0...].reduce(0, +) }
    }
}
