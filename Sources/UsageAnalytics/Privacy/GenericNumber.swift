import Foundation

/// What a number in a generic event may be: a measure, never an identifier.
///
/// - Integers within ±999,999 leave as they are: a count, a size, a duration, a status code.
/// - Larger magnitudes keep their first two significant digits (`52428800` → `52000000`), so a
///   card, phone, tax or account number sent as a JSON number cannot leave, under any key, while
///   the order of magnitude of a real measure survives.
/// - Fractions keep at most three decimal places and six significant digits (`1523.7`, `0.875`
///   and `12.5` are unchanged; `0.4155550100` → `0.416`), so no identifier hides in the fraction
///   digits. A pair of such numbers can still place someone within about a hundred metres; keys
///   that name a location (`lat`, `lng`, `coords`, `geo`) are dropped by the ``KeyClassifier``.
enum GenericNumber {
    static let largestExactMagnitude = 999_999

    /// The value to send instead of `value`, or nil when it leaves unchanged.
    static func bounded(_ value: PropertyValue) -> PropertyValue? {
        switch value {
        case .int(let number):
            guard number.magnitude > UInt(largestExactMagnitude) else { return nil }
            return .int(leadingDigits(number))
        case .double(let number):
            guard number.isFinite else { return .null }
            let magnitude = number.magnitude
            if magnitude > Double(largestExactMagnitude) {
                let scale = pow(10, (log10(magnitude)).rounded(.down) - 1)
                return .double((number / scale).rounded(.towardZero) * scale)
            }
            let wholeDigits = magnitude < 1 ? 1 : Int(log10(magnitude).rounded(.down)) + 1
            let scale = pow(10, Double(min(3, 6 - wholeDigits)))
            let rounded = (number * scale).rounded() / scale
            return rounded == number ? nil : .double(rounded)
        default:
            return nil
        }
    }

    /// `number` with all but its first two significant digits set to zero.
    private static func leadingDigits(_ number: Int) -> Int {
        var scale: UInt = 1
        while number.magnitude / scale >= 100 { scale *= 10 }
        let kept = Int(number.magnitude / scale * scale)
        return number < 0 ? -kept : kept
    }
}
