import Foundation
import Testing

@testable import UsageCollector

/// The statistics against closed-form results and textbook values (reference figures from SciPy 1.17 and,
/// for P(B > A), Evan Miller's exact sum evaluated with 40-digit mpmath).
@Suite("Experiment statistics: closed forms and reference values")
struct ExperimentStatisticsTests {
    private static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    /// Evan Miller's closed form of P(p_B > p_A) for Beta posteriors with integer α_B, summed in log space.
    private static func exactProbabilityBBeatsA(_ aA: Int, _ bA: Int, _ aB: Int, _ bB: Int) -> Double {
        func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }
        var total = 0.0
        for i in 0..<aB {
            let i = Double(i)
            total += exp(
                logBeta(Double(aA) + i, Double(bB + bA)) - log(Double(bB) + i) - logBeta(1 + i, Double(bB))
                    - logBeta(Double(aA), Double(bA)))
        }
        return total
    }

    @Test("Beta quantiles and CDF match closed forms and SciPy")
    func betaQuantiles() {
        for p in [0.01, 0.2, 0.5, 0.9, 0.999] {
            #expect(Self.close(Posterior.beta(alpha: 1, beta: 1).quantile(p), p))
            #expect(Self.close(Posterior.beta(alpha: 2, beta: 1).quantile(p), p.squareRoot()))
            #expect(Self.close(Posterior.beta(alpha: 1, beta: 3).quantile(p), 1 - pow(1 - p, 1.0 / 3)))
            // The arcsine law: I_x(1/2, 1/2) = (2/π) asin(√x).
            let x = pow(sin(p * Double.pi / 2), 2)
            #expect(Self.close(SpecialFunctions.regularizedIncompleteBeta(x, 0.5, 0.5), p))
        }
        #expect(Self.close(Posterior.beta(alpha: 2, beta: 2).quantile(0.5), 0.5))
        #expect(Self.close(Posterior.beta(alpha: 3, beta: 7).quantile(0.025), 0.07485463141969183, 1e-8))
        #expect(Self.close(Posterior.beta(alpha: 3, beta: 7).quantile(0.975), 0.600093573716312, 1e-8))
        #expect(Self.close(Posterior.beta(alpha: 101, beta: 901).quantile(0.025), 0.08293639849581784, 1e-8))
        #expect(Self.close(Posterior.beta(alpha: 101, beta: 901).quantile(0.975), 0.1201691298758606, 1e-8))
        #expect(Self.close(SpecialFunctions.regularizedIncompleteBeta(0.3, 3, 7), 0.5371688339999998))
        #expect(Self.close(SpecialFunctions.regularizedIncompleteBeta(0.1, 101, 901), 0.4776025977909441, 1e-8))
    }

    @Test("P(B > A) by integration and by Monte Carlo agree with Evan Miller's exact sum")
    func probabilityToBeBest() {
        for (aA, bA, aB, bB, scipy) in [
            (21, 81, 31, 71, 0.947603103352369), (2, 3, 4, 5, 0.5757575757575758),
            (101, 901, 121, 881, 0.9231834389735598),
        ] {
            let exact = Self.exactProbabilityBBeatsA(aA, bA, aB, bB)
            #expect(Self.close(exact, scipy, 1e-10))
            let posteriors = [
                Posterior.beta(alpha: Double(aA), beta: Double(bA)),
                Posterior.beta(alpha: Double(aB), beta: Double(bB)),
            ]
            let integrated = BestProbability.integrated(posteriors, goal: .increase)
            #expect(abs(integrated[1] - exact) < 1e-6, "integrated \(integrated[1]) vs exact \(exact)")
            #expect(abs(integrated[0] + integrated[1] - 1) < 1e-6)
            let monteCarlo = BestProbability.monteCarlo(posteriors, goal: .increase, draws: 200_000, seed: 7)
            // 200,000 draws: the standard error is below 0.0012, so 0.005 is more than four of them.
            #expect(abs(monteCarlo[1] - exact) < 0.005, "Monte Carlo \(monteCarlo[1]) vs exact \(exact)")
            let decreasing = BestProbability.integrated(posteriors, goal: .decrease)
            #expect(abs(decreasing[0] - exact) < 1e-6)
        }
    }

    @Test("three variants: integration and Monte Carlo agree, and the answer is the same on every run")
    func threeVariants() {
        let posteriors: [Posterior] = [
            .conversion(conversions: 120, exposures: 1_000), .conversion(conversions: 135, exposures: 1_000),
            .mean(0.118, variance: 0.104, count: 1_000),
        ]
        let integrated = BestProbability.integrated(posteriors, goal: .increase)
        let first = BestProbability.monteCarlo(posteriors, goal: .increase, draws: 100_000, seed: 42)
        #expect(first == BestProbability.monteCarlo(posteriors, goal: .increase, draws: 100_000, seed: 42))
        #expect(abs(integrated.reduce(0, +) - 1) < 1e-5)
        for index in posteriors.indices { #expect(abs(integrated[index] - first[index]) < 0.006) }
    }

    @Test("normal and Student t quantiles match SciPy")
    func quantiles() {
        #expect(Self.close(SpecialFunctions.normalQuantile(0.975), 1.959963984540054, 1e-12))
        #expect(Self.close(SpecialFunctions.normalQuantile(1e-6), -4.753424308822899, 1e-12))
        #expect(Self.close(SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 10), 2.228138851986274, 1e-9))
        #expect(Self.close(SpecialFunctions.studentTCDF(-2.5, degreesOfFreedom: 7), 0.020496109292876444, 1e-9))
    }

    @Test("two-proportion z-test: 200/1000 against 250/1000")
    func zTest() throws {
        let test = try #require(
            FrequentistComparison.twoProportion(
                conversions: 250, exposures: 1_000, controlConversions: 200, controlExposures: 1_000))
        #expect(Self.close(test.statistic, 2.677397763008329))
        #expect(Self.close(test.pValue, 0.007419649261025687, 1e-8))
        #expect(Self.close(test.interval.lowerBound, 0.013463621687539853, 1e-9))
        #expect(Self.close(test.interval.upperBound, 0.08653637831246015, 1e-9))
        #expect(
            FrequentistComparison.twoProportion(
                conversions: 0, exposures: 0, controlConversions: 1, controlExposures: 2) == nil)
    }

    @Test("Welch's t-test from summary statistics matches SciPy's ttest_ind_from_stats")
    func welch() throws {
        let test = try #require(
            FrequentistComparison.welch(
                mean: 10.5, variance: 4, count: 50, controlMean: 9.8, controlVariance: 9, controlCount: 40))
        #expect(Self.close(test.statistic, 1.2675004445952582))
        #expect(Self.close(test.pValue, 0.20949070529178082, 1e-8))
        let halfWidth = 1.9970727079493629 * (4.0 / 50 + 9.0 / 40).squareRoot()
        #expect(Self.close(test.interval.upperBound, 0.7 + halfWidth, 1e-8))
    }

    @Test("sample-ratio mismatch: chi-squared p-values for known splits")
    func sampleRatio() throws {
        let even = try #require(SampleRatioTest(observed: [480, 520], rolloutPercentages: [50, 50]))
        #expect(Self.close(even.chiSquared, 1.6) && Self.close(even.pValue, 0.20590321073206466, 1e-10))
        #expect(!even.warning)
        let skewed = try #require(SampleRatioTest(observed: [5_200, 4_700, 100], rolloutPercentages: [50, 49, 1]))
        #expect(Self.close(skewed.chiSquared, 16.163265306122447))
        #expect(Self.close(skewed.pValue, 0.00030916586255290434, 1e-8))
        #expect(skewed.warning)
        #expect(Self.close(SpecialFunctions.regularizedUpperIncompleteGamma(1, 5), exp(-5), 1e-12))
        #expect(Self.close(SpecialFunctions.regularizedUpperIncompleteGamma(0.5, 3.841458820694124 / 2), 0.05, 1e-10))
        #expect(SampleRatioTest(observed: [0, 0], rolloutPercentages: [50, 50]) == nil)
    }

    @Test("the lift interval brackets the true lift and is reproducible")
    func lift() throws {
        let control = Posterior.conversion(conversions: 2_000, exposures: 10_000)
        let variant = Posterior.conversion(conversions: 2_400, exposures: 10_000)
        let interval = try #require(LiftInterval.credible(variant: variant, control: control, seed: 1))
        #expect(interval.contains(0.2) && interval.lowerBound > 0.1 && interval.upperBound < 0.3)
        #expect(interval == LiftInterval.credible(variant: variant, control: control, seed: 1))
    }
}
