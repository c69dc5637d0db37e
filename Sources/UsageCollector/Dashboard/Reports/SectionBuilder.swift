/// Turns trend answers into report sections: a chart, its table, its queries, or an explained empty state.
enum SectionBuilder {
    /// A line chart over the range's days (or weeks) with a row per period and a column per line.
    static func daily(
        id: String, title: String, explanation: String, empty: String, queries: [JSONValue], lines: [TrendLine],
        names: [String]? = nil, period: String = "Day"
    ) -> ReportSection {
        let labels = lines.first?.days ?? []
        let series = lines.enumerated().map { index, line in
            ChartSeries(
                name: names?[index] ?? line.breakdown.map(TrendLine.displayName) ?? line.label, values: line.data)
        }
        let data = ChartData(labels: labels, series: series)
        let rows = labels.enumerated().map { index, day in
            DataTable.Row(
                header: day,
                cells: series.map { index < $0.values.count ? NumberText.exact($0.values[index]) : "" })
        }
        return Self.section(
            id: id, title: title, explanation: explanation, empty: empty, queries: queries, isEmpty: data.isEmpty,
            chart: { LineChart(title: title, data: data).svg() },
            table: DataTable(
                caption: "\(title), per \(period.lowercased())", columns: [period] + series.map(\.name), rows: rows))
    }

    /// A bar chart of labelled values, with a table that may carry more columns than the bars show.
    static func bars(
        id: String, title: String, explanation: String, empty: String, queries: [JSONValue],
        bars: [BarChart.Bar], unit: String = "", columns: [String], rows: [DataTable.Row]
    ) -> ReportSection {
        Self.section(
            id: id, title: title, explanation: explanation, empty: empty, queries: queries,
            isEmpty: bars.allSatisfy { $0.value == 0 || !$0.value.isFinite },
            chart: { BarChart(title: title, bars: bars, unit: unit).svg() },
            table: DataTable(caption: title, columns: columns, rows: rows))
    }

    /// Bars of one series of a broken-down answer, largest `rankedBy` first, over a table of every series.
    static func breakdown(
        id: String, title: String, explanation: String, empty: String, queries: [JSONValue], table: BreakdownTable,
        rankedBy: Int, barSeries: Int, unit: String = "", columns: [String]
    ) -> ReportSection {
        let ranked = table.ranked(bySeries: rankedBy)
        return Self.bars(
            id: id, title: title, explanation: explanation, empty: empty, queries: queries,
            bars: ranked.map { BarChart.Bar(label: TrendLine.displayName($0), value: table.value($0, barSeries)) },
            unit: unit, columns: columns, rows: table.rows(ranked))
    }

    static func section(
        id: String, title: String, explanation: String, empty: String, queries: [JSONValue], isEmpty: Bool,
        chart: () -> String, table: DataTable?
    ) -> ReportSection {
        ReportSection(
            id: id, title: title, explanation: explanation, isEmpty: isEmpty, emptyMessage: empty,
            chart: isEmpty ? "" : chart(), table: isEmpty ? nil : table,
            queries: queries.map(ReportContext.prettyText))
    }
}
