/// The one rounding rule of billing: an exact integer quotient rounded half up (half a minor unit rounds up, as
/// amounts are never negative here), applied once to each line's amount and once to the tax. Everything else is
/// exact integer arithmetic in minor units; money is never a floating-point number.
enum MoneyRounding {
    /// `numerator / denominator` rounded half up, or nil when the product overflows 64 bits.
    ///
    /// `roundedHalfUp(125, 2) == 63`, `roundedHalfUp(124, 2) == 62`.
    static func roundedHalfUp(_ numerator: Int64, dividedBy denominator: Int64) -> Int64? {
        precondition(numerator >= 0 && denominator > 0)
        let (sum, overflow) = numerator.addingReportingOverflow(denominator / 2)
        return overflow ? nil : sum / denominator
    }

    /// `value × multiplier / divisor`, rounded half up; nil on overflow.
    static func scale(_ value: Int64, by multiplier: Int64, over divisor: Int64) -> Int64? {
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : roundedHalfUp(product, dividedBy: divisor)
    }
}
