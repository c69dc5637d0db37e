/// The totals of a broken-down trend answer arranged by breakdown value and series.
struct BreakdownTable: Sendable {
    /// Breakdown values in the order the answer first lists them.
    let keys: [String]
    let seriesCount: Int
    private let values: [String: [Double]]

    init(lines: [TrendLine], seriesCount: Int) {
        var keys: [String] = []
        var values: [String: [Double]] = [:]
        for line in lines where line.order < seriesCount {
            let key = line.breakdown ?? line.label
            if values[key] == nil {
                keys.append(key)
                values[key] = Array(repeating: .nan, count: seriesCount)
            }
            values[key]?[line.order] = line.total
        }
        self.keys = keys
        self.seriesCount = seriesCount
        self.values = values
    }

    /// The breakdown values by the total of `series`, largest first (missing values last, ties by name).
    func ranked(bySeries series: Int) -> [String] {
        self.keys.sorted { left, right in
            let a = self.value(left, series)
            let b = self.value(right, series)
            let leftValue = a.isFinite ? a : -.infinity
            let rightValue = b.isFinite ? b : -.infinity
            return leftValue != rightValue ? leftValue > rightValue : left < right
        }
    }

    /// The total of series `series` for breakdown value `key` (NaN when the answer has none).
    func value(_ key: String, _ series: Int) -> Double {
        self.values[key]?[series] ?? .nan
    }

    /// A table row per breakdown value of `keys`, with every series' total.
    func rows(_ keys: [String]) -> [DataTable.Row] {
        keys.map { key in
            DataTable.Row(
                header: TrendLine.displayName(key),
                cells: (0..<self.seriesCount).map { NumberText.exact(self.value(key, $0)) })
        }
    }
}
