import Foundation

/// Which direction of a metric is good.
enum MetricGoal: String, Sendable, Equatable, CaseIterable {
    case increase, decrease
}

/// The probability that each variant's true rate or mean is the best, computed two ways.
///
/// - ``integrated(_:goal:)`` (what the results API returns as `probability_to_be_best`):
///   P(i best) = ∫ fᵢ(x) ∏_{j≠i} Fⱼ(x) dx for `increase` (∏ (1 − Fⱼ(x)) for `decrease`), by the composite
///   Simpson rule with ``intervals`` panels over the range holding all but 1e-12 of variant i's mass.
///   Deterministic, and accurate to about 1e-6 for the posteriors experiments produce.
/// - ``monteCarlo(_:goal:draws:seed:)``: joint draws from every posterior with a seeded generator, counting
///   which is best. Returned beside it as `probability_to_be_best_monte_carlo`, as a cross-check.
enum BestProbability {
    static let intervals = 4_096

    static func integrated(_ posteriors: [Posterior], goal: MetricGoal) -> [Double] {
        posteriors.indices.map { index in
            let support = posteriors[index].effectiveSupport
            let width = (support.upperBound - support.lowerBound) / Double(Self.intervals)
            guard width > 0 else { return 1 / Double(posteriors.count) }
            var sum = 0.0
            for step in 0...Self.intervals {
                let x = support.lowerBound + Double(step) * width
                var value = posteriors[index].density(x)
                guard value > 0 else { continue }
                for other in posteriors.indices where other != index {
                    let below = posteriors[other].cdf(x)
                    value *= goal == .increase ? below : 1 - below
                }
                let weight: Double = step == 0 || step == Self.intervals ? 1 : step % 2 == 1 ? 4 : 2
                sum += weight * value
            }
            return min(max(sum * width / 3, 0), 1)
        }
    }

    static func monteCarlo(_ posteriors: [Posterior], goal: MetricGoal, draws: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var wins = Array(repeating: 0, count: posteriors.count)
        guard !posteriors.isEmpty, draws > 0 else { return [] }
        for _ in 0..<draws {
            var bestIndex = 0
            var bestValue = 0.0
            for index in posteriors.indices {
                let value = posteriors[index].sample(using: &generator)
                if index == 0 || (goal == .increase ? value > bestValue : value < bestValue) {
                    (bestIndex, bestValue) = (index, value)
                }
            }
            wins[bestIndex] += 1
        }
        return wins.map { Double($0) / Double(draws) }
    }
}

/// The credible interval of the relative lift (variant − control) / control, from seeded joint draws of the
/// two posteriors: the lift has no closed form for Beta or normal posteriors.
enum LiftInterval {
    static let draws = 20_000

    static func credible(
        variant: Posterior, control: Posterior, level: Double = 0.95, seed: UInt64
    ) -> ClosedRange<Double>? {
        var generator = SeededGenerator(seed: seed)
        var lifts: [Double] = []
        lifts.reserveCapacity(Self.draws)
        for _ in 0..<Self.draws {
            let base = control.sample(using: &generator)
            let value = variant.sample(using: &generator)
            guard base != 0 else { continue }
            lifts.append((value - base) / abs(base))
        }
        // A control whose draws are mostly zero has no meaningful relative lift.
        guard lifts.count >= Self.draws / 2 else { return nil }
        lifts.sort()
        let tail = (1 - level) / 2
        return Self.quantile(lifts, tail)...Self.quantile(lifts, 1 - tail)
    }

    /// The linearly interpolated quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
