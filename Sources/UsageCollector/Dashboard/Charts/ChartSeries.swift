/// One named row of numbers of a chart: a trend line, or the values of one bar group.
struct ChartSeries: Sendable, Equatable {
    let name: String
    let values: [Double]
}

/// The numbers a chart draws: a label per position on the x axis and one or more series over them.
struct ChartData: Sendable, Equatable {
    let labels: [String]
    let series: [ChartSeries]

    /// Whether there is nothing to draw: no position, or no series with a value other than zero.
    var isEmpty: Bool {
        self.labels.isEmpty || self.series.allSatisfy { $0.values.allSatisfy { $0 == 0 || !$0.isFinite } }
    }

    /// Whether every finite value is a whole number, so the value axis counts in whole steps.
    var isWholeNumbers: Bool {
        self.series.allSatisfy { $0.values.allSatisfy { !$0.isFinite || $0 == $0.rounded() } }
    }

    /// The largest finite value of any series (0 when there is none).
    var maximum: Double {
        self.series.flatMap(\.values).filter(\.isFinite).max() ?? 0
    }
}
