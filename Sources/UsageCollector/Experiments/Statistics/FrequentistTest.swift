import Foundation

/// A variant against control, the frequentist way: a p-value and a confidence interval of the difference.
struct FrequentistComparison: Sendable, Equatable {
    /// The test statistic (z or t).
    var statistic: Double
    /// Two-sided p-value of "no difference".
    var pValue: Double
    /// Confidence interval of variant − control (absolute difference of rates or means).
    var interval: ClosedRange<Double>

    /// The two-proportion z-test: pooled standard error for the statistic, unpooled (Wald) for the interval.
    static func twoProportion(
        conversions: Int, exposures: Int, controlConversions: Int, controlExposures: Int, level: Double = 0.95
    ) -> FrequentistComparison? {
        guard exposures > 0, controlExposures > 0 else { return nil }
        let (n1, n0) = (Double(exposures), Double(controlExposures))
        let (p1, p0) = (Double(conversions) / n1, Double(controlConversions) / n0)
        let pooled = Double(conversions + controlConversions) / (n1 + n0)
        let pooledError = (pooled * (1 - pooled) * (1 / n1 + 1 / n0)).squareRoot()
        let difference = p1 - p0
        let z = pooledError > 0 ? difference / pooledError : 0
        let waldError = (p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0).squareRoot()
        let critical = SpecialFunctions.normalQuantile(1 - (1 - level) / 2)
        return FrequentistComparison(
            statistic: z, pValue: pooledError > 0 ? 2 * SpecialFunctions.normalCDF(-abs(z)) : 1,
            interval: (difference - critical * waldError)...(difference + critical * waldError))
    }

    /// Welch's unequal-variances t-test with the Welch–Satterthwaite degrees of freedom.
    static func welch(
        mean: Double, variance: Double, count: Int, controlMean: Double, controlVariance: Double,
        controlCount: Int, level: Double = 0.95
    ) -> FrequentistComparison? {
        guard count > 1, controlCount > 1 else { return nil }
        let a = variance / Double(count)
        let b = controlVariance / Double(controlCount)
        let error = (a + b).squareRoot()
        let difference = mean - controlMean
        guard error > 0 else {
            return FrequentistComparison(
                statistic: 0, pValue: difference == 0 ? 1 : 0, interval: difference...difference)
        }
        let freedom = (a + b) * (a + b) / (a * a / Double(count - 1) + b * b / Double(controlCount - 1))
        let t = difference / error
        let critical = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: freedom)
        return FrequentistComparison(
            statistic: t, pValue: 2 * SpecialFunctions.studentTCDF(-abs(t), degreesOfFreedom: freedom),
            interval: (difference - critical * error)...(difference + critical * error))
    }
}
