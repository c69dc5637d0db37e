import Foundation

/// The special functions the experiment statistics rest on, written out because swift-numerics has no
/// incomplete beta or gamma function. Algorithms: Lentz's continued fractions for the regularized incomplete
/// beta and gamma functions (Numerical Recipes, 3rd ed., §6.2 and §6.4), Acklam's rational approximation
/// refined by one Halley step for the normal quantile, and bisection for every other inverse (monotone
/// functions, so it always converges; 200 halvings reach the limits of `Double`).
enum SpecialFunctions {
    private static let epsilon = 1e-15
    private static let tiny = 1e-300

    /// The regularized incomplete beta function I_x(a, b), the CDF of Beta(a, b) at `x`.
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        // The continued fraction converges fast only on one side of the mean; the symmetry I_x(a,b) =
        // 1 - I_{1-x}(b,a) covers the other.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * Self.betaContinuedFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * Self.betaContinuedFraction(1 - x, b, a) / b
    }

    private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < Self.tiny { d = Self.tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < Self.tiny { d = Self.tiny }
            c = 1 + aa / c
            if abs(c) < Self.tiny { c = Self.tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < Self.tiny { d = Self.tiny }
            c = 1 + aa / c
            if abs(c) < Self.tiny { c = Self.tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < Self.epsilon { break }
        }
        return h
    }

    /// The `x` with I_x(a, b) = p: the p-quantile of Beta(a, b).
    static func inverseRegularizedIncompleteBeta(_ p: Double, _ a: Double, _ b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        return Self.bisect(in: 0...1) { Self.regularizedIncompleteBeta($0, a, b) < p }
    }

    /// The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).
    static func regularizedUpperIncompleteGamma(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return 1 }
        let logFront = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // The series for P(a, x).
            var sum = 1 / a
            var term = sum
            var n = a
            for _ in 0..<100_000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * Self.epsilon { break }
            }
            return 1 - sum * exp(logFront)
        }
        // The continued fraction for Q(a, x).
        var b = x + 1 - a
        var c = 1 / Self.tiny
        var d = 1 / b
        var h = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < Self.tiny { d = Self.tiny }
            c = b + an / c
            if abs(c) < Self.tiny { c = Self.tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < Self.epsilon { break }
        }
        return exp(logFront) * h
    }

    /// The standard normal CDF Φ(z).
    static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// The standard normal density φ(z).
    static func normalDensity(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

    /// The standard normal quantile Φ⁻¹(p).
    static func normalQuantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x =
                (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x =
                -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        // One Halley step takes Acklam's 1e-9 relative error to full precision.
        let error = Self.normalCDF(x) - p
        let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    /// The CDF of Student's t distribution with `degreesOfFreedom` at `t`.
    static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let tail = 0.5 * Self.regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The p-quantile of Student's t distribution.
    static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p == 0.5 { return 0 }
        if p < 0.5 { return -Self.studentTQuantile(1 - p, degreesOfFreedom: nu) }
        var upper = 1.0
        while Self.studentTCDF(upper, degreesOfFreedom: nu) < p && upper < 1e12 { upper *= 2 }
        return Self.bisect(in: 0...upper) { Self.studentTCDF($0, degreesOfFreedom: nu) < p }
    }

    /// The boundary of a monotone predicate that is true below it and false above it.
    static func bisect(in range: ClosedRange<Double>, isBelow: (Double) -> Bool) -> Double {
        var (low, high) = (range.lowerBound, range.upperBound)
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle <= low || middle >= high { break }
            if isBelow(middle) { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
