import Foundation

/// The posterior distribution of one variant's rate or mean.
///
/// - A conversion rate with a Beta(1, 1) prior and `c` conversions out of `n` exposures has the posterior
///   Beta(1 + c, 1 + n − c).
/// - A mean of `n` per-unit values with sample mean m and sample variance s² has, under a flat prior and the
///   normal approximation, the posterior N(m, s²/n).
enum Posterior: Sendable, Equatable {
    case beta(alpha: Double, beta: Double)
    case normal(mean: Double, standardDeviation: Double)

    /// The posterior of a conversion rate under the uniform Beta(1, 1) prior.
    static func conversion(conversions: Int, exposures: Int) -> Posterior {
        .beta(alpha: 1 + Double(conversions), beta: 1 + Double(exposures - conversions))
    }

    /// The posterior of a mean; a variant without spread still gets a tiny one, so that its density exists.
    static func mean(_ mean: Double, variance: Double, count: Int) -> Posterior {
        let spread = count > 0 ? (max(variance, 0) / Double(count)).squareRoot() : 1
        return .normal(mean: mean, standardDeviation: max(spread, 1e-9 * max(1, abs(mean))))
    }

    var mean: Double {
        switch self {
        case .beta(let a, let b): a / (a + b)
        case .normal(let mean, _): mean
        }
    }

    func cdf(_ x: Double) -> Double {
        switch self {
        case .beta(let a, let b): SpecialFunctions.regularizedIncompleteBeta(x, a, b)
        case .normal(let mean, let sd): SpecialFunctions.normalCDF((x - mean) / sd)
        }
    }

    func density(_ x: Double) -> Double {
        switch self {
        case .beta(let a, let b):
            guard x > 0, x < 1 else { return 0 }
            let logNormalizer: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
            let logKernel: Double = (a - 1) * log(x) + (b - 1) * log1p(-x)
            return exp(logKernel + logNormalizer)
        case .normal(let mean, let sd):
            return SpecialFunctions.normalDensity((x - mean) / sd) / sd
        }
    }

    func quantile(_ p: Double) -> Double {
        switch self {
        case .beta(let a, let b): SpecialFunctions.inverseRegularizedIncompleteBeta(p, a, b)
        case .normal(let mean, let sd): mean + sd * SpecialFunctions.normalQuantile(p)
        }
    }

    /// The equal-tailed interval holding `level` of the posterior mass.
    func credibleInterval(level: Double = 0.95) -> ClosedRange<Double> {
        let tail = (1 - level) / 2
        return self.quantile(tail)...self.quantile(1 - tail)
    }

    /// Where all but 1e-12 of the mass lies: the range numerical integration covers.
    var effectiveSupport: ClosedRange<Double> { self.quantile(1e-12)...self.quantile(1 - 1e-12) }

    func sample(using generator: inout SeededGenerator) -> Double {
        switch self {
        case .beta(let a, let b):
            let x = generator.nextGamma(shape: a)
            let y = generator.nextGamma(shape: b)
            return x / (x + y)
        case .normal(let mean, let sd):
            return mean + sd * generator.nextStandardNormal()
        }
    }
}
