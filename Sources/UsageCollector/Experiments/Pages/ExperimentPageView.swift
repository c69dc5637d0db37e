/// What one experiment's page shows: its state, and when it has results, exposures, the SRM warning and per
/// metric the lift chart and the variant table.
struct ExperimentPageView {
    struct Results {
        let exposures: Int
        let exclusions: Int
        let split: String
        let notEnoughData: Bool
        let minimumSample: Int
        let metrics: [Metric]
    }

    struct Metric {
        let index: Int
        let title: String
        let verdict: String
        let chart: String
        let valueHeading: String
        let rows: [Row]
    }

    struct Row {
        let key: String
        let exposures: Int
        let value: String
        let interval: String
        let lift: String
        let best: String
        let pValue: String
    }

    let id: Int
    let name: String
    let description: String
    let flag: String
    let status: String
    let started: String?
    let ended: String?
    let csrf: String
    let isDraft: Bool
    let isRunning: Bool
    var unit = "person"
    var notice: String?
    var srmWarning: String?
    var results: Results?

    init(_ experiment: Experiment, csrf: String) {
        self.id = experiment.id
        self.name = experiment.name
        self.description = experiment.description
        self.flag = experiment.featureFlagKey
        self.status = experiment.status.rawValue
        self.started = experiment.startDate.map(Self.day)
        self.ended = experiment.endDate.map(Self.day)
        self.csrf = csrf
        self.isDraft = experiment.status == .draft
        self.isRunning = experiment.status == .running
    }

    mutating func show(_ results: ExperimentResults) {
        self.unit = results.unit.name
        if let test = results.sampleRatio, test.warning {
            self.srmWarning =
                "Sample ratio mismatch: the exposures (\(test.observed.map(String.init).joined(separator: " / "))) are "
                + "unlikely under the flag's split (chi-squared p = \(Self.probability(test.pValue))). Check how "
                + "exposures are captured before trusting these results."
        }
        let split = zip(results.variants, results.exposures).map { "\($0) \($1)" }.joined(separator: ", ")
        self.results = Results(
            exposures: results.exposures.reduce(0, +), exclusions: results.multipleVariantUnits, split: split,
            notEnoughData: !results.minimumSampleReached, minimumSample: results.experiment.minimumSampleSize,
            metrics: ([results.primary] + results.secondary).enumerated().map { index, metric in
                Self.metric(metric, index: index, primary: index == 0)
            })
    }

    static func metric(_ metric: MetricResult, index: Int, primary: Bool) -> Metric {
        let isFunnel = metric.type == "funnel"
        func format(_ value: Double) -> String {
            isFunnel ? NumberText.percent(value) : NumberText.exact((value * 1000).rounded() / 1000)
        }
        let control = metric.variants.first { $0.key == "control" }
        let verdict: String
        if !metric.minimumSampleReached {
            verdict = "Not enough data to declare a winner."
        } else if let winner = metric.winner {
            verdict = "Winner: \(winner) (significant)."
        } else {
            verdict = "No significant winner yet."
        }
        let chart = LiftIntervalChart(
            title: "Lift against control: \(metric.name)",
            rows: metric.variants.filter { $0.key != "control" }.map { variant in
                let estimate = control.flatMap { $0.value != 0 ? (variant.value - $0.value) / abs($0.value) : nil }
                return LiftIntervalChart.Row(label: variant.key, interval: variant.liftInterval, estimate: estimate)
            })
        let rows = metric.variants.map { variant -> Row in
            let conversions = isFunnel ? " (\(variant.figures.conversions))" : ""
            let interval = variant.credibleInterval
            var lift = "–"
            if let range = variant.liftInterval {
                lift =
                    LiftIntervalChart.percent(range.lowerBound) + " to " + LiftIntervalChart.percent(range.upperBound)
            }
            return Row(
                key: variant.key, exposures: variant.figures.exposures, value: format(variant.value) + conversions,
                interval: format(interval.lowerBound) + " to " + format(interval.upperBound), lift: lift,
                best: NumberText.percent(variant.probabilityToBeBest),
                pValue: variant.comparison.map { Self.probability($0.pValue) } ?? "–")
        }
        return Metric(
            index: index, title: (primary ? "Primary metric: " : "Secondary metric: ") + metric.name,
            verdict: verdict, chart: chart.svg, valueHeading: isFunnel ? "Conversion rate" : "Mean per unit",
            rows: rows)
    }

    static func probability(_ value: Double) -> String {
        value < 0.0001 ? "< 0.0001" : NumberText.exact((value * 10_000).rounded() / 10_000)
    }

    /// `2026-11-01` from microseconds.
    static func day(_ micros: Int64) -> String { String(ISO8601Timestamp.format(micros).prefix(10)) }
}
