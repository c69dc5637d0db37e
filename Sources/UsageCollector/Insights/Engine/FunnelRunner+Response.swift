import Foundation

extension FunnelRunner {
    static let otherLabel = "Other"

    /// The query's answer in PostHog's shape: a list of steps, or one list per breakdown value.
    func answer(columns: ProjectColumns, now: Int64) throws(InsightQueryError) -> JSONValue {
        if self.query.visualization == .trends { return try self.trendAnswer(columns: columns, now: now) }
        let range = self.query.dateRange.resolve(now: now, interval: .day, earliest: columns.earliestTimestamp)
        let gathered = FunnelEvents(self.query, columns: columns, cohorts: self.cohorts, from: range.from, to: range.to)
        let tallies = self.tally(gathered)
        if self.query.visualization == .timeToConvert {
            var all = FunnelTally(stepCount: self.query.steps.count)
            for tally in tallies.values { all.merge(tally) }
            return Self.histogram(all.spans, binCount: self.query.binCount)
        }
        guard let labels = gathered.breakdownLabels else {
            return .array(self.steps(tallies[0] ?? FunnelTally(stepCount: self.query.steps.count), breakdown: nil))
        }
        // PostHog orders rows by the count stopping at the last step, then the step before, and so on.
        let ranked = tallies.map { (label: labels.labels[$0.key], tally: $0.value) }.sorted { left, right in
            for step in left.tally.exact.indices.reversed() where left.tally.exact[step] != right.tally.exact[step] {
                return left.tally.exact[step] > right.tally.exact[step]
            }
            return left.label < right.label
        }
        let limit = self.query.breakdown?.limit ?? Breakdown.defaultLimit
        var rows = ranked.prefix(limit).map { (label: $0.label, tally: $0.tally) }
        if ranked.count > limit {
            var other = FunnelTally(stepCount: self.query.steps.count)
            for row in ranked.dropFirst(limit) { other.merge(row.tally) }
            rows.append((label: Self.otherLabel, tally: other))
        }
        return .array(rows.map { .array(self.steps($0.tally, breakdown: $0.label)) })
    }

    private func steps(_ tally: FunnelTally, breakdown: String?) -> [JSONValue] {
        let counts = tally.counts
        let unordered = self.query.order == .unordered
        return self.query.steps.enumerated().map { index, step in
            var fields: [String: JSONValue] = [
                // An unordered funnel's step k counts persons who did any k of the steps: PostHog names it so.
                "action_id": unordered ? .null : step.event.map(JSONValue.string) ?? .null,
                "name": .string(
                    unordered ? "Completed \(index + 1) step\(index == 0 ? "" : "s")" : step.event ?? "All events"),
                "custom_name": unordered ? .null : step.customName.map(JSONValue.string) ?? .null,
                "order": .int(index),
                "count": .int(counts[index]),
                "people": .array([]),
                "type": .string("events"),
                "average_conversion_time": index == 0 ? .null : Self.number(Statistics.mean(tally.times[index])),
                "median_conversion_time": index == 0
                    ? .null : Self.number(Statistics.quantile(tally.times[index], 0.5)),
            ]
            if let breakdown {
                fields["breakdown"] = .array([.string(breakdown)])
                fields["breakdown_value"] = .array([.string(breakdown)])
            }
            return .object(fields)
        }
    }

    static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.double) ?? .null }

    /// PostHog's time-to-convert answer: bins of equal width (whole seconds) from the fastest conversion.
    static func histogram(_ spans: [Double], binCount: Int?) -> JSONValue {
        var bins: [JSONValue] = []
        if let low = spans.min(), let high = spans.max() {
            let count = binCount ?? min(60, max(1, Int(cbrt(Double(spans.count)).rounded(.up))))
            let width = max(1, ((high - low) / Double(count)).rounded(.up))
            var counts = Array(repeating: 0, count: count)
            for span in spans { counts[min(count - 1, Int((span - low) / width))] += 1 }
            bins = counts.enumerated().map { index, value in
                .array([.int(Int(low) + index * Int(width)), .int(value)])
            }
        }
        return .object([
            "average_conversion_time": Self.number(Statistics.mean(spans)),
            "median_conversion_time": Self.number(Statistics.quantile(spans, 0.5)),
            "bins": .array(bins),
        ])
    }
}
