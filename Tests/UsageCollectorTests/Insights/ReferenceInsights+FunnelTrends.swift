@testable import UsageCollector

extension ReferenceInsights {
    struct FunnelTrendRow: Equatable {
        var breakdown: String?
        var data: [Double]
    }

    /// A funnel trend: per breakdown value kept (the most entries first, then listed by value), the
    /// conversion rate of each entry period, in percent with two decimals.
    func funnelTrend(_ query: FunnelsQuery, now: Int64) -> [FunnelTrendRow] {
        let range = query.dateRange.resolve(now: now, interval: query.interval, earliest: self.earliest)
        let periods = query.interval.starts(from: range.from, to: range.to)
        var attributionStep: Int?
        if case .step(let step) = query.attribution, query.breakdown != nil { attributionStep = step }
        let setup = ReferenceFunnelTrend.Setup(
            stepCount: query.steps.count, window: query.window, strict: query.order == .strict,
            attributionStep: attributionStep, fromStep: query.fromStep + 1, toStep: query.toStep + 1,
            periodStart: { query.interval.start(of: $0) })
        var entered: [String: [Int64: Int]] = [:]
        var converted: [String: [Int64: Int]] = [:]
        for (_, events) in self.personEvents(query, from: range.from, to: range.to) {
            let allEvents = query.breakdown != nil && query.attribution == .allEvents
            for value in Self.propValues(events, query).0 {
                let considered = allEvents ? events.filter { $0.breakdown == value } : events
                let results =
                    query.order == .unordered
                    ? ReferenceFunnelTrend.unordered(considered, setup, propValue: value)
                    : ReferenceFunnelTrend.ordered(considered, setup, propValue: value)
                let label = query.breakdown == nil ? "" : value ?? Breakdown.nullLabel
                for (period, success) in results {
                    entered[label, default: [:]][period, default: 0] += 1
                    if success { converted[label, default: [:]][period, default: 0] += 1 }
                }
            }
        }
        func rates(_ label: String) -> [Double] {
            periods.map { period in
                let total = entered[label]?[period] ?? 0
                guard total > 0 else { return 0 }
                let percent = Double(converted[label]?[period] ?? 0) / Double(total) * 100
                return (percent * 100).rounded(.toNearestOrEven) / 100
            }
        }
        guard let breakdown = query.breakdown else { return [FunnelTrendRow(breakdown: nil, data: rates(""))] }
        let total = entered.mapValues { $0.values.reduce(0, +) }
        let kept = total.keys.sorted { total[$0]! != total[$1]! ? total[$0]! > total[$1]! : $0 > $1 }
            .prefix(breakdown.limit)
        return kept.sorted().map { FunnelTrendRow(breakdown: $0, data: rates($0)) }
    }
}
