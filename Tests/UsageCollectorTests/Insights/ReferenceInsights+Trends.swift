@testable import UsageCollector

extension ReferenceInsights {
    func trends(_ query: TrendsQuery, now: Int64) -> [TrendRow] {
        let range = query.dateRange.resolve(now: now, interval: query.interval, earliest: self.earliest)
        let starts = query.totalValue ? [range.from] : query.interval.starts(from: range.from, to: range.to)
        let end = query.totalValue ? range.to : (starts.last.map { query.interval.advance($0) } ?? range.to)
        var rows = self.trendRows(query, starts: starts, end: end, compare: query.compare ? "current" : nil)
        if query.compare {
            let previous: [Int64]
            let previousEnd: Int64
            if query.totalValue {
                previous = [range.from - (range.to - range.from)]
                previousEnd = range.from
            } else {
                let first = query.interval.advance(starts[0], by: -Int64(starts.count))
                previous = query.interval.starts(from: first, to: starts[0])
                previousEnd = starts[0]
            }
            rows += self.trendRows(query, starts: previous, end: previousEnd, compare: "previous")
        }
        return rows
    }

    private func trendRows(_ query: TrendsQuery, starts: [Int64], end: Int64, compare: String?) -> [TrendRow] {
        func bucketEnd(_ index: Int) -> Int64 { index + 1 < starts.count ? starts[index + 1] : end }
        var rows: [TrendRow] = []
        for (index, series) in query.series.enumerated() {
            let matching = self.events.filter { self.passes(query.predicate, $0) && self.matches(series, $0) }
            var byLabel: [String: [Event]] = [:]
            for event in matching {
                let label =
                    query.breakdown.map { Self.breakdownValue(event.properties, $0.property) ?? Breakdown.nullLabel }
                    ?? ""
                byLabel[label, default: []].append(event)
            }
            func data(_ events: [Event]) -> [Double] {
                starts.indices.map { bucket in
                    let lower: Int64
                    switch series.math {
                    case .weeklyActive: lower = bucketEnd(bucket) - 7 * 86_400_000_000
                    case .monthlyActive: lower = bucketEnd(bucket) - 30 * 86_400_000_000
                    default: lower = starts[bucket]
                    }
                    let inside = events.filter {
                        $0.record.timestamp >= lower && $0.record.timestamp < bucketEnd(bucket)
                    }
                    switch series.math {
                    case .total: return Double(inside.count)
                    case .dau, .weeklyActive, .monthlyActive: return Double(Set(inside.map(\.record.distinctID)).count)
                    case .property(let kind):
                        let values = inside.compactMap {
                            $0.properties[series.mathProperty!].flatMap(PropertyFilter.numeric)
                        }
                        switch kind {
                        case .sum: return values.reduce(0, +)
                        case .avg: return Self.mean(values) ?? 0
                        case .min: return values.min() ?? 0
                        case .max: return values.max() ?? 0
                        case .median: return Self.quantile(values, 0.5) ?? 0
                        case .p75: return Self.quantile(values, 0.75) ?? 0
                        case .p90: return Self.quantile(values, 0.9) ?? 0
                        case .p95: return Self.quantile(values, 0.95) ?? 0
                        case .p99: return Self.quantile(values, 0.99) ?? 0
                        }
                    }
                }
            }
            guard let breakdown = query.breakdown else {
                rows.append(TrendRow(series: index, breakdown: nil, compare: compare, data: data(matching)))
                continue
            }
            // A value has a row when one of its matching events lies in the range (or, for rolling active-user
            // math, in the look-back window of the first bucket), whether or not it carries math_property.
            let lookback: Int64
            switch series.math {
            case .weeklyActive: lookback = min(starts.first ?? end, bucketEnd(0) - 7 * 86_400_000_000)
            case .monthlyActive: lookback = min(starts.first ?? end, bucketEnd(0) - 30 * 86_400_000_000)
            default: lookback = starts.first ?? end
            }
            let present = byLabel.filter { _, events in
                events.contains { $0.record.timestamp >= lookback && $0.record.timestamp < end }
            }
            let ranked = present.map { (label: $0.key, events: $0.value, data: data($0.value)) }.sorted { left, right in
                let a = left.data.reduce(0, +)
                let b = right.data.reduce(0, +)
                return a != b ? a > b : left.label < right.label
            }
            for entry in ranked.prefix(breakdown.limit) {
                rows.append(TrendRow(series: index, breakdown: entry.label, compare: compare, data: entry.data))
            }
            if ranked.count > breakdown.limit && !breakdown.hideOther {
                let rest = ranked.dropFirst(breakdown.limit).flatMap(\.events)
                rows.append(
                    TrendRow(series: index, breakdown: Breakdown.otherLabel, compare: compare, data: data(rest)))
            }
        }
        return rows
    }
}
