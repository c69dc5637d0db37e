import UsageAnalytics

/// Computes an experiment's results: one scan of the insights engine's columns, the pure tally, then the
/// statistics per metric.
struct ExperimentRunner: Sendable {
    let engine: InsightsEngine

    /// The results as of `now` (microseconds), counting `unit`s (the flag's aggregation, see ``ExperimentUnit``).
    /// - Throws: ``ExperimentDefinitionError`` for a draft, ``InsightsEngine/NotReady`` while the engine loads.
    func results(of experiment: Experiment, flag: FeatureFlag, unit: ExperimentUnit, project: String, now: Int64)
        throws -> ExperimentResults
    {
        guard let start = experiment.startDate else {
            throw ExperimentDefinitionError("start_date", "the experiment is a draft: launch it to see results")
        }
        let to = min(experiment.endDate ?? now, now)
        let metrics = experiment.metrics + experiment.secondaryMetrics
        let request = ExperimentScanRequest(
            flagKey: flag.key, unit: unit, from: start, to: to, metricsTo: to,
            metricSeries: metrics.map { metric in
                switch metric.measure {
                case .funnel(let steps): steps
                case .mean(let source): [source]
                }
            },
            sumProperties: metrics.map { metric in
                if case .mean(let source) = metric.measure, case .property = source.math { return source.mathProperty }
                return nil
            })
        let observations = try self.engine.snapshot(project: project).experimentObservations(request)
        let variants = flag.variants.map(\.key)
        let tally = ExperimentTally(exposures: observations.exposures, variants: variants)
        let results = metrics.indices.map { index in
            MetricResult.analyse(
                metrics[index],
                figures: tally.figures(of: metrics[index], events: observations.metricEvents[index], end: to),
                variants: variants, minimumSample: experiment.minimumSampleSize,
                seed: UInt64(experiment.id) &* 1_000 &+ UInt64(index))
        }
        let exposures = tally.exposures
        let rollouts = flag.variants.map(\.rolloutPercentage)
        return ExperimentResults(
            experiment: experiment, unit: unit, variants: variants, from: start, to: to, computedAt: now,
            exposures: exposures, multipleVariantUnits: tally.multipleVariantUnits,
            sampleRatio: SampleRatioTest(observed: exposures, rolloutPercentages: rollouts),
            expectedShares: rollouts.map { $0 / max(rollouts.reduce(0, +), 1) }, primary: results[0],
            secondary: Array(results.dropFirst()))
    }

    /// Refuses a flag an experiment cannot run on: PostHog's rule, a multivariate flag with a `control` variant.
    static func check(flag: FeatureFlag?, key: String) throws(ExperimentDefinitionError) {
        guard let flag else {
            throw ExperimentDefinitionError("feature_flag_key", "no active flag '\(key.prefix(100))' in this project")
        }
        guard flag.isMultivariate else {
            throw ExperimentDefinitionError("feature_flag_key", "the flag must be multivariate (it has no variants)")
        }
        guard flag.variants.contains(where: { $0.key == "control" }) else {
            throw ExperimentDefinitionError("feature_flag_key", "the flag must have a variant with the key 'control'")
        }
        _ = try ExperimentUnit(flagDefinition: flag.json)
    }
}
