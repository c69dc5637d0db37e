import Foundation

/// "Nice" tick values for a value axis: steps of 1, 2 or 5 times a power of ten, covering the data from
/// zero (counts and durations are never negative here, and bars must start at zero to be read honestly).
struct AxisTicks: Sendable, Equatable {
    /// The tick values, ascending, the first one 0.
    let values: [Double]

    /// The top of the axis: the last tick.
    var upperBound: Double { self.values.last ?? 1 }

    /// Ticks from 0 to at least `maximum`, about `target` of them; with `wholeNumbers` (counts) no step is
    /// smaller than 1.
    init(maximum: Double, target: Int = 5, wholeNumbers: Bool = false) {
        guard maximum.isFinite, maximum > 0 else {
            self.values = [0, 1]
            return
        }
        let raw = Self.niceStep(maximum / Double(max(1, target)))
        let step = wholeNumbers ? max(1, raw) : raw
        let count = Int((maximum / step).rounded(.up))
        self.values = (0...max(1, count)).map { Double($0) * step }
    }

    /// The smallest step of the form {1, 2, 5} × 10ⁿ that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) {
            return factor * magnitude
        }
        return 10 * magnitude
    }
}
