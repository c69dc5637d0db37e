/// Maps values of a domain linearly onto a range of SVG coordinates.
///
/// A domain of zero width (one point, or every value equal) maps to the middle of the range, so a chart of a
/// single point draws it centred instead of dividing by zero.
struct LinearScale: Sendable, Equatable {
    let domain: ClosedRange<Double>
    let range: ClosedRange<Double>
    /// When true the domain's lower bound maps to the range's upper bound (SVG's y axis grows downwards).
    let inverted: Bool

    init(domain: ClosedRange<Double>, range: ClosedRange<Double>, inverted: Bool = false) {
        self.domain = domain
        self.range = range
        self.inverted = inverted
    }

    /// The coordinate of `value`; values outside the domain extrapolate.
    func position(_ value: Double) -> Double {
        let width = self.domain.upperBound - self.domain.lowerBound
        let fraction = width > 0 && width.isFinite ? (value - self.domain.lowerBound) / width : 0.5
        let share = self.inverted ? 1 - fraction : fraction
        return self.range.lowerBound + share * (self.range.upperBound - self.range.lowerBound)
    }
}
