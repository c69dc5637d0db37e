/// One metric's analysis, per variant, with the statistics documented on ``analyse(_:figures:variants:minimumSample:seed:)``.
struct MetricResult: Sendable {
    /// A variant's figures and statistics.
    struct Variant: Sendable {
        var key: String
        var figures: ExperimentTally.Figures
        /// The conversion rate or the mean.
        var value: Double
        /// 95 % credible interval of the rate or mean.
        var credibleInterval: ClosedRange<Double>
        var probabilityToBeBest: Double
        var probabilityToBeBestMonteCarlo: Double
        /// 95 % credible interval of (variant − control) / control; nil for control itself.
        var liftInterval: ClosedRange<Double>?
        /// The frequentist comparison with control; nil for control itself or too few units.
        var comparison: FrequentistComparison?

        /// Different from control at the 5 % level.
        var significant: Bool { (self.comparison?.pValue ?? 1) < 0.05 }
    }

    /// P(best) a variant needs before it is declared the winner.
    static let winningProbability = 0.95
    static let monteCarloDraws = 20_000

    var name: String
    var type: String
    var goal: MetricGoal
    var variants: [Variant]
    /// Every variant has the minimum sample.
    var minimumSampleReached: Bool
    var winner: String?

    var significant: Bool { self.winner != nil }

    /// The statistics of one metric.
    ///
    /// - Funnel: a Beta(1, 1) prior, so the posterior of variant v's rate is Beta(1 + cᵥ, 1 + nᵥ − cᵥ); credible
    ///   intervals are its 2.5 % and 97.5 % quantiles (inverse regularized incomplete beta). Frequentist check:
    ///   the two-proportion z-test against control.
    /// - Mean: the posterior of the mean is N(x̄, s²/n) (flat prior, normal approximation); frequentist check:
    ///   Welch's t-test against control.
    /// - Probability to be best by numerical integration (returned) and by seeded Monte Carlo (beside it); the
    ///   lift's credible interval from 20,000 seeded joint draws.
    /// - Winner: none until every variant has `minimumSample` exposures. Then the variant whose probability to
    ///   be best reaches 95 %, provided the frequentist test agrees at the 5 % level (a test variant differs
    ///   significantly from control; control differs significantly from every test variant).
    static func analyse(
        _ metric: ExperimentMetric, figures: [ExperimentTally.Figures], variants keys: [String], minimumSample: Int,
        seed: UInt64
    ) -> MetricResult {
        let isFunnel = metric.type == "funnel"
        let posteriors: [Posterior] = figures.map { figure in
            isFunnel
                ? .conversion(conversions: figure.conversions, exposures: figure.exposures)
                : .mean(figure.mean, variance: figure.variance, count: figure.exposures)
        }
        let best = BestProbability.integrated(posteriors, goal: metric.goal)
        let bestMonteCarlo = BestProbability.monteCarlo(
            posteriors, goal: metric.goal, draws: Self.monteCarloDraws, seed: seed)
        let control = keys.firstIndex(of: "control") ?? 0
        var variants: [Variant] = []
        for index in keys.indices {
            let figure = figures[index]
            var variant = Variant(
                key: keys[index], figures: figure, value: isFunnel ? figure.rate : figure.mean,
                credibleInterval: posteriors[index].credibleInterval(), probabilityToBeBest: best[index],
                probabilityToBeBestMonteCarlo: bestMonteCarlo[index])
            if index != control {
                variant.liftInterval = LiftInterval.credible(
                    variant: posteriors[index], control: posteriors[control], seed: seed &+ UInt64(index))
                let base = figures[control]
                variant.comparison =
                    isFunnel
                    ? FrequentistComparison.twoProportion(
                        conversions: figure.conversions, exposures: figure.exposures,
                        controlConversions: base.conversions, controlExposures: base.exposures)
                    : FrequentistComparison.welch(
                        mean: figure.mean, variance: figure.variance, count: figure.exposures,
                        controlMean: base.mean, controlVariance: base.variance, controlCount: base.exposures)
            }
            variants.append(variant)
        }
        let reached = figures.allSatisfy { $0.exposures >= minimumSample }
        var winner: String?
        if reached, let leader = variants.indices.max(by: { best[$0] < best[$1] }),
            best[leader] >= Self.winningProbability
        {
            let agrees =
                leader == control
                ? variants.indices.allSatisfy { $0 == control || variants[$0].significant }
                : variants[leader].significant
            if agrees { winner = keys[leader] }
        }
        return MetricResult(
            name: metric.label, type: metric.type, goal: metric.goal, variants: variants,
            minimumSampleReached: reached, winner: winner)
    }

    var json: JSONValue {
        func interval(_ range: ClosedRange<Double>?) -> JSONValue {
            range.map { .array([.double($0.lowerBound), .double($0.upperBound)]) } ?? .null
        }
        let isFunnel = self.type == "funnel"
        return .object([
            "name": .string(self.name), "metric_type": .string(self.type), "goal": .string(self.goal.rawValue),
            "winner": self.winner.map(JSONValue.string) ?? .null, "significant": .bool(self.significant),
            "minimum_sample_reached": .bool(self.minimumSampleReached),
            "variants": .array(
                self.variants.map { variant in
                    var fields: [String: JSONValue] = [
                        "key": .string(variant.key), "exposures": .int(variant.figures.exposures),
                        "credible_interval": interval(variant.credibleInterval),
                        "probability_to_be_best": .double(variant.probabilityToBeBest),
                        "probability_to_be_best_monte_carlo": .double(variant.probabilityToBeBestMonteCarlo),
                        "lift_credible_interval": interval(variant.liftInterval),
                        "p_value": variant.comparison.map { .double($0.pValue) } ?? .null,
                        "confidence_interval": interval(variant.comparison?.interval),
                        "significant": .bool(variant.significant),
                    ]
                    if isFunnel {
                        fields["conversions"] = .int(variant.figures.conversions)
                        fields["conversion_rate"] = .double(variant.value)
                    } else {
                        fields["sum"] = .double(variant.figures.sum)
                        fields["mean"] = .double(variant.value)
                        fields["variance"] = .double(variant.figures.variance)
                    }
                    return .object(fields)
                }),
        ])
    }
}
