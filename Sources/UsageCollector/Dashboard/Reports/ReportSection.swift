/// One card of a report page, as its template reads it.
struct ReportSection: Sendable {
    let id: String
    let title: String
    let explanation: String
    let isEmpty: Bool
    let emptyMessage: String
    /// SVG (or an HTML table for retention) made by the chart types; inserted unescaped.
    let chart: String
    let table: DataTable?
    /// The query JSON behind the section, pretty-printed.
    let queries: [String]
}

/// The numbers behind a chart: a header cell per row, then its values.
struct DataTable: Sendable {
    struct Row: Sendable {
        let header: String
        let cells: [String]
    }

    let caption: String
    let columns: [String]
    let rows: [Row]
}
