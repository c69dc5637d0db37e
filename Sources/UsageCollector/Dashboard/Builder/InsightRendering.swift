/// Draws any insight answer: trends as lines (or bars for totals), funnels as funnel bars, retention as a
/// shaded cohort table, each with the numbers behind it.
enum InsightRendering {
    static func section(title: String, query: JSONValue, answer: JSONValue) -> ReportSection {
        switch query.field("kind") {
        case .string("FunnelsQuery")?: Self.funnel(title: title, query: query, answer: answer)
        case .string("RetentionQuery")?: Self.retention(title: title, query: query, answer: answer)
        default: Self.trends(title: title, query: query, answer: answer)
        }
    }

    static func trends(title: String, query: JSONValue, answer: JSONValue) -> ReportSection {
        let lines = TrendLine.lines(answer)
        let name = { (line: TrendLine) in line.breakdown.map(TrendLine.displayName) ?? line.label }
        if lines.allSatisfy({ $0.data.isEmpty }) {
            return SectionBuilder.bars(
                id: "insight", title: title, explanation: "One value per series over the whole range.",
                empty: "The query matched no events in its range.", queries: [query],
                bars: lines.map { BarChart.Bar(label: name($0), value: $0.total) }, columns: ["Series", "Value"],
                rows: lines.map { DataTable.Row(header: name($0), cells: [NumberText.exact($0.total)]) })
        }
        return SectionBuilder.daily(
            id: "insight", title: title, explanation: "A value per interval and series.",
            empty: "The query matched no events in its range.", queries: [query], lines: lines, names: lines.map(name),
            period: "Period")
    }

    static func funnel(title: String, query: JSONValue, answer: JSONValue) -> ReportSection {
        guard case .array(let items) = answer else {
            return Self.timeToConvert(title: title, query: query, answer: answer)
        }
        // Without a breakdown the answer is one list of steps; with one, a list per breakdown value.
        let rows: [(label: String?, steps: [JSONValue])] =
            items.allSatisfy({ if case .array = $0 { true } else { false } })
            ? items.map { item in
                guard case .array(let steps) = item else { return (nil, []) }
                let label = steps.first?.field("breakdown_value").flatMap { value -> String? in
                    if case .array(let parts) = value, case .string(let text)? = parts.first { return text }
                    return nil
                }
                return (label.map(TrendLine.displayName), steps)
            } : [(nil, items)]
        var svg = ""
        var tableRows: [DataTable.Row] = []
        for row in rows {
            let steps = row.steps.map { step in
                FunnelChart.Step(
                    name: Self.text(step.field("custom_name")) ?? Self.text(step.field("name")) ?? "step",
                    count: step.field("count")?.number.map { Int($0) } ?? 0)
            }
            let chart = FunnelChart(title: row.label.map { "\(title): \($0)" } ?? title, steps: steps)
            svg += chart.svg()
            for (index, step) in steps.enumerated() {
                let median = row.steps[index].field("median_conversion_time")?.number
                tableRows.append(
                    DataTable.Row(
                        header: (row.label.map { "\($0): " } ?? "") + "\(index + 1). \(step.name)",
                        cells: [
                            String(step.count), NumberText.percent(chart.conversion(at: index)),
                            median.map { NumberText.exact($0) } ?? "–",
                        ]))
            }
        }
        let entered = rows.reduce(0) { $0 + ($1.steps.first?.field("count")?.number ?? 0) }
        return SectionBuilder.section(
            id: "insight", title: title, explanation: "People (distinct ids) reaching each step within the window.",
            empty: "Nobody did the first step in the query's range.", queries: [query], isEmpty: entered == 0,
            chart: { svg },
            table: DataTable(
                caption: title, columns: ["Step", "People", "Of step 1", "Median time to convert (s)"],
                rows: tableRows))
    }

    static func timeToConvert(title: String, query: JSONValue, answer: JSONValue) -> ReportSection {
        guard case .array(let bins)? = answer.field("bins") else {
            return SectionBuilder.section(
                id: "insight", title: title, explanation: "", empty: "The answer has no bins.", queries: [query],
                isEmpty: true, chart: { "" }, table: nil)
        }
        let pairs = bins.compactMap { bin -> (Double, Double)? in
            guard case .array(let pair) = bin, pair.count == 2, let from = pair[0].number, let count = pair[1].number
            else { return nil }
            return (from, count)
        }
        return SectionBuilder.bars(
            id: "insight", title: title, explanation: "Conversions by time taken, in bins of seconds.",
            empty: "Nobody converted in the query's range.", queries: [query],
            bars: pairs.map { BarChart.Bar(label: "≥ \(NumberText.exact($0.0)) s", value: $0.1) },
            columns: ["From (s)", "Conversions"],
            rows: pairs.map { DataTable.Row(header: NumberText.exact($0.0), cells: [NumberText.exact($0.1)]) })
    }

    static func retention(title: String, query: JSONValue, answer: JSONValue) -> ReportSection {
        guard case .array(let items) = answer else {
            return Self.trends(title: title, query: query, answer: .array([]))
        }
        let cohorts = items.map { item in
            RetentionTable.Cohort(
                label: String((Self.text(item.field("date")) ?? "").prefix(10)),
                counts: {
                    guard case .array(let values)? = item.field("values") else { return [] }
                    return values.map { $0.field("count")?.number.map { Int($0) } ?? 0 }
                }())
        }
        let period = Self.text(query.field("retentionFilter")?.field("period")) ?? "Period"
        let table = RetentionTable(title: title, periodName: period, cohorts: cohorts)
        return SectionBuilder.section(
            id: "insight", title: title,
            explanation: "Each row is the people who did the target event first in that \(period.lowercased()); "
                + "the cells are the share who did the returning event in each later one.",
            empty: "Nobody did the target event in these periods.", queries: [query],
            isEmpty: cohorts.allSatisfy { ($0.counts.first ?? 0) == 0 }, chart: { table.html() }, table: nil)
    }

    static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }
}
