/// A daily answer of two series, a whole and the part of it that matters (errors of requests, empty searches),
/// with the part's share per day.
struct DailyShare: Sendable {
    let days: [String]
    let whole: [Double]
    let part: [Double]

    /// Reads series 0 as the whole and series 1 as the part.
    init(_ lines: [TrendLine]) {
        self.days = lines.first?.days ?? []
        self.whole = lines.first { $0.order == 0 }?.data ?? []
        self.part = lines.first { $0.order == 1 }?.data ?? []
    }

    /// The part's share of each day in [0, 1]; nil for a day without any of the whole.
    var shares: [Double?] { zip(self.whole, self.part).map { $0 > 0 ? $1 / $0 : nil } }

    /// A row per day: the whole, the part, and the share (a dash for a day without any).
    func table(caption: String, columns: [String]) -> DataTable {
        let shares = self.shares
        return DataTable(
            caption: caption, columns: columns,
            rows: self.days.indices.map { index in
                DataTable.Row(
                    header: self.days[index],
                    cells: [
                        NumberText.exact(self.whole[index]), NumberText.exact(self.part[index]),
                        shares[index].map(NumberText.percent) ?? "–",
                    ])
            })
    }
}
