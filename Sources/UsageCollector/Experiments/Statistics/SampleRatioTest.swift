import Foundation

/// The sample-ratio-mismatch check: Pearson's chi-squared goodness of fit of the observed exposures per
/// variant against the split the flag's rollout percentages promise.
struct SampleRatioTest: Sendable, Equatable {
    /// Below this p-value the split is reported as a mismatch (the threshold PostHog and most tools use).
    static let warningThreshold = 0.001

    /// Expected share per variant, summing to 1.
    var expectedShares: [Double]
    var observed: [Int]
    var chiSquared: Double
    var pValue: Double

    var warning: Bool { self.pValue < Self.warningThreshold }

    /// `nil` without at least two variants with a positive share or without any exposure.
    init?(observed: [Int], rolloutPercentages: [Double]) {
        let total = observed.reduce(0, +)
        let shareTotal = rolloutPercentages.reduce(0, +)
        guard observed.count == rolloutPercentages.count, total > 0, shareTotal > 0,
            rolloutPercentages.filter({ $0 > 0 }).count >= 2
        else { return nil }
        var chiSquared = 0.0
        var cells = 0
        for (count, percentage) in zip(observed, rolloutPercentages) {
            let expected = Double(total) * percentage / shareTotal
            if expected > 0 {
                chiSquared += (Double(count) - expected) * (Double(count) - expected) / expected
                cells += 1
            } else if count > 0 {
                // Exposures to a variant promised none: as mismatched as a split can be.
                chiSquared = .infinity
            }
        }
        self.expectedShares = rolloutPercentages.map { $0 / shareTotal }
        self.observed = observed
        self.chiSquared = chiSquared
        self.pValue =
            chiSquared.isFinite
            ? SpecialFunctions.regularizedUpperIncompleteGamma(Double(cells - 1) / 2, chiSquared / 2) : 0
    }
}
