import Foundation

/// A seeded random number generator (SplitMix64), so that Monte Carlo answers are the same on every run and
/// every machine, with the samplers the posteriors need.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on the open interval (0, 1).
    mutating func nextUnitInterval() -> Double {
        (Double(self.next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// A standard normal draw (Box–Muller).
    mutating func nextStandardNormal() -> Double {
        let u = self.nextUnitInterval()
        let v = self.nextUnitInterval()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A Gamma(shape, 1) draw by Marsaglia and Tsang's method; shapes below 1 use the boost
    /// Gamma(a) = Gamma(a + 1) · U^(1/a).
    mutating func nextGamma(shape: Double) -> Double {
        if shape < 1 {
            return self.nextGamma(shape: shape + 1) * pow(self.nextUnitInterval(), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = self.nextStandardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = self.nextUnitInterval()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
