/// The answer of `GET /api/projects/{id}/experiments/{eid}/results`:
///
/// ```json
/// {"experiment_id": 1, "feature_flag_key": "ticket-ordering", "status": "running", "aggregation": "person",
///  "date_from": "…", "date_to": "…", "computed_at": "…",
///  "exposures": {"total": 2000, "per_variant": {"control": 1001, "test": 999}, "multiple_variant_exclusions": 3},
///  "srm": {"expected": {"control": 0.5, "test": 0.5}, "observed": {"control": 1001, "test": 999},
///          "chi_squared": 0.002, "p_value": 0.96, "warning": false},
///  "minimum_sample_size": 100, "minimum_sample_reached": true,
///  "probability_method": .string("integration"),
///  "primary": MetricResult, "secondary": [MetricResult]}
/// ```
///
/// A metric result lists per variant `exposures`, `conversions` and `conversion_rate` (funnel) or `sum`,
/// `mean` and `variance` (mean), `credible_interval`, `probability_to_be_best` (numerical integration),
/// `probability_to_be_best_monte_carlo`, `lift_credible_interval`, `p_value`, `confidence_interval` (of the
/// difference to control) and `significant`; and for the metric `winner` (or null), `significant` and
/// `minimum_sample_reached`. Intervals are `[low, high]` at 95 %.
struct ExperimentResults: Sendable {
    var experiment: Experiment
    var unit: ExperimentUnit
    var variants: [String]
    /// Microseconds: the exposure window analysed.
    var from: Int64
    var to: Int64
    var computedAt: Int64
    var exposures: [Int]
    var multipleVariantUnits: Int
    var sampleRatio: SampleRatioTest?
    var expectedShares: [Double]
    var primary: MetricResult
    var secondary: [MetricResult]

    var minimumSampleReached: Bool { self.exposures.allSatisfy { $0 >= self.experiment.minimumSampleSize } }

    var json: JSONValue {
        func perVariant(_ values: [JSONValue]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: zip(self.variants, values)))
        }
        var srm: JSONValue = .null
        if let test = self.sampleRatio {
            srm = .object([
                "expected": perVariant(test.expectedShares.map(JSONValue.double)),
                "observed": perVariant(test.observed.map(JSONValue.int)),
                "chi_squared": .double(test.chiSquared), "p_value": .double(test.pValue),
                "warning": .bool(test.warning),
            ])
        }
        return .object([
            "experiment_id": .int(self.experiment.id), "feature_flag_key": .string(self.experiment.featureFlagKey),
            "status": .string(self.experiment.status.rawValue), "aggregation": .string(self.unit.name),
            "date_from": .string(ISO8601Timestamp.format(self.from)),
            "date_to": .string(ISO8601Timestamp.format(self.to)),
            "computed_at": .string(ISO8601Timestamp.format(self.computedAt)),
            "exposures": .object([
                "total": .int(self.exposures.reduce(0, +)),
                "per_variant": perVariant(self.exposures.map(JSONValue.int)),
                "multiple_variant_exclusions": .int(self.multipleVariantUnits),
            ]),
            "srm": srm, "minimum_sample_size": .int(self.experiment.minimumSampleSize),
            "minimum_sample_reached": .bool(self.minimumSampleReached), "probability_method": .string("integration"),
            "primary": self.primary.json, "secondary": .array(self.secondary.map(\.json)),
        ])
    }
}
