import Foundation

extension FunnelRunner {
    /// A funnel trend (`funnelVizType: trends`) in PostHog's shape: per breakdown value, the conversion rate
    /// (percent, two decimals) of the persons who entered the funnel in each period, with `days` and `labels`.
    func trendAnswer(columns: ProjectColumns, now: Int64) throws(InsightQueryError) -> JSONValue {
        let interval = self.query.interval
        let range = self.query.dateRange.resolve(now: now, interval: interval, earliest: columns.earliestTimestamp)
        guard interval.maximumCount(from: range.from, to: range.to) <= TrendsRunner.maxBuckets else {
            throw InsightQueryError(
                "query.dateRange", "spans more than \(TrendsRunner.maxBuckets) \(interval.rawValue)s")
        }
        let buckets = TrendBuckets(interval: interval, from: range.from, to: range.to, single: false)
        let gathered = FunnelEvents(self.query, columns: columns, cohorts: self.cohorts, from: range.from, to: range.to)
        let rows = self.periodCounts(gathered, buckets: buckets)
        let hasTime = interval == .hour
        func encode(_ counts: PeriodCounts, label: String?) -> JSONValue {
            var fields: [String: JSONValue] = [
                "count": .int(buckets.count),
                "data": .array(counts.conversionRates.map(JSONValue.double)),
                "days": .array(buckets.starts.map { .string(UTCCalendar.isoText($0, time: hasTime)) }),
                "labels": .array(buckets.starts.map { .string(UTCCalendar.label($0, time: hasTime)) }),
            ]
            if let label { fields["breakdown_value"] = .string(label) }
            return .object(fields)
        }
        guard let labels = gathered.breakdownLabels else {
            return .array([encode(rows[0] ?? PeriodCounts(periodCount: buckets.count), label: nil)])
        }
        // PostHog keeps the values with the most entries (ties: the greater value), then lists them by value.
        let ranked = rows.map { (label: labels.labels[$0.key], counts: $0.value) }.sorted { left, right in
            let a = left.counts.entered.reduce(0, +)
            let b = right.counts.entered.reduce(0, +)
            return a != b ? a > b : left.label > right.label
        }
        let kept = ranked.prefix(self.query.breakdown?.limit ?? Breakdown.defaultLimit).sorted { $0.label < $1.label }
        return .array(kept.map { encode($0.counts, label: $0.label) })
    }

    /// Entries and conversions per period, per breakdown label id (label 0 without a breakdown).
    private func periodCounts(_ gathered: FunnelEvents, buckets: TrendBuckets) -> [UInt32: PeriodCounts] {
        let stepCount = self.query.steps.count
        var attributionStep: Int?
        if case .step(let step) = self.query.attribution, self.query.breakdown != nil { attributionStep = step }
        let fromLevel = self.query.fromStep + 1
        let toLevel = self.query.toStep + 1
        let stepper: any PersonFunnelTrend =
            self.query.order == .unordered
            ? UnorderedFunnelTrendStepper(
                stepCount: stepCount, window: self.query.window, attributionStep: attributionStep,
                fromLevel: fromLevel, toLevel: toLevel)
            : FunnelTrendStepper(
                stepCount: stepCount, window: self.query.window, strict: self.query.order == .strict,
                attributionStep: attributionStep, fromLevel: fromLevel, toLevel: toLevel)
        var rows: [UInt32: PeriodCounts] = [:]
        self.forEachPerson(gathered) { events, value, onlyMatching in
            stepper.run(events, buckets: buckets, propValue: value, onlyMatchingBreakdown: onlyMatching) {
                period, converted in
                rows[value, default: PeriodCounts(periodCount: buckets.count)].count(
                    period: period, converted: converted)
            }
        }
        return rows
    }
}

/// Persons who entered a funnel trend in each period, and how many of them converted.
struct PeriodCounts {
    var entered: [Int]
    var converted: [Int]

    init(periodCount: Int) {
        self.entered = Array(repeating: 0, count: periodCount)
        self.converted = Array(repeating: 0, count: periodCount)
    }

    mutating func count(period: Int, converted: Bool) {
        self.entered[period] += 1
        if converted { self.converted[period] += 1 }
    }

    /// PostHog's `round(converted / entered * 100, 2)`, 0 for a period nobody entered.
    var conversionRates: [Double] {
        zip(self.entered, self.converted).map { entered, converted -> Double in
            guard entered > 0 else { return 0 }
            let percent: Double = Double(converted) / Double(entered) * 100
            return (percent * 100).rounded(.toNearestOrEven) / 100
        }
    }
}
