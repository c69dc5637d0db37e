extension TrendsRunner {
    /// The largest number of buckets one answer may hold.
    static let maxBuckets = 20_000

    /// The query's answer in PostHog's shape (`results` of a `TrendsQueryResponse`).
    func answer(columns: ProjectColumns, now: Int64) throws(InsightQueryError) -> JSONValue {
        let interval = self.query.interval
        let range = self.query.dateRange.resolve(now: now, interval: interval, earliest: columns.earliestTimestamp)
        // Checked before enumerating the buckets, so that a hostile range costs nothing.
        guard self.query.totalValue || interval.maximumCount(from: range.from, to: range.to) <= Self.maxBuckets else {
            throw InsightQueryError("query.dateRange", "spans more than \(Self.maxBuckets) \(interval.rawValue)s")
        }
        let current = TrendBuckets(interval: interval, from: range.from, to: range.to, single: self.query.totalValue)
        var results = self.aggregate(columns: columns, buckets: current).map {
            self.encode($0, buckets: current, compareLabel: self.query.compare ? "current" : nil)
        }
        if self.query.compare {
            let length = Int64(max(1, current.count))
            let previousFrom =
                self.query.totalValue
                ? range.from - (range.to - range.from) : interval.advance(current.starts[0], by: -length)
            let previous = TrendBuckets(
                interval: interval, from: previousFrom, to: self.query.totalValue ? range.from : current.starts[0],
                single: self.query.totalValue)
            results += self.aggregate(columns: columns, buckets: previous).map {
                self.encode($0, buckets: previous, compareLabel: "previous")
            }
        }
        return .array(results)
    }

    private func encode(_ result: SeriesResult, buckets: TrendBuckets, compareLabel: String?) -> JSONValue {
        let series = self.query.series[result.series]
        var data = result.data
        if self.query.cumulative {
            var total = 0.0
            data = data.map { value in
                total += value
                return total
            }
        }
        let isCount: Bool
        if case .property = series.math { isCount = false } else { isCount = true }
        let number: (Double) -> JSONValue = { isCount ? .int(Int($0)) : .double($0) }
        let hasTime = buckets.interval == .hour
        let count = self.query.cumulative ? (data.last ?? 0) : data.reduce(0, +)
        var fields: [String: JSONValue] = [
            "label": .string(series.label),
            "count": number(count),
            "action": .object([
                "id": series.event.map(JSONValue.string) ?? .null,
                "type": .string("events"),
                "order": .int(result.series),
                "name": .string(series.event ?? "All events"),
                "custom_name": series.customName.map(JSONValue.string) ?? .null,
                "math": .string(series.mathName),
                "math_property": series.mathProperty.map(JSONValue.string) ?? .null,
            ]),
            "filter": .object(["interval": .string(buckets.interval.rawValue)]),
        ]
        if self.query.totalValue {
            fields["aggregated_value"] = number(data.first ?? 0)
            fields["data"] = .array([])
            fields["days"] = .array([])
            fields["labels"] = .array([])
        } else {
            fields["data"] = .array(data.map(number))
            fields["days"] = .array(buckets.starts.map { .string(UTCCalendar.isoText($0, time: hasTime)) })
            fields["labels"] = .array(buckets.starts.map { .string(UTCCalendar.label($0, time: hasTime)) })
        }
        if let label = result.label {
            fields["breakdown_value"] = .string(label)
            fields["label"] = .string(label)
        }
        if let compareLabel {
            fields["compare"] = .bool(true)
            fields["compare_label"] = .string(compareLabel)
        }
        return .object(fields)
    }
}
