/// Finds geographic coordinates, which place a person within metres.
///
/// - **Decimal pairs**: two decimal numbers of at most three integer digits and at least three
///   fraction digits, the first within ±90 and the second within ±180, separated by a comma,
///   semicolon or spaces: `51.507412, -0.127812`, `40.7488,-73.9854`.
/// - **Degrees, minutes**: digits, a degree sign and more digits: `48°51′29.6″N`.
///
/// Version numbers never match: they have no comma pair and rarely three fraction digits, and
/// `20°C` has no minutes.
enum CoordinatePattern {
    static func matches(_ text: TextBytes, at start: Int) -> Bool {
        guard text.startsNumber(at: start) else { return false }
        return matchesDecimalPair(text, at: start) || matchesDegrees(text, at: start)
    }

    private static func matchesDecimalPair(_ text: TextBytes, at start: Int) -> Bool {
        guard let (latitude, end) = decimal(text, at: start), abs(latitude) <= 90 else { return false }
        var position = end
        var sawSeparator = false
        while text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: ",")
            || text[position] == UInt8(ascii: ";")
        {
            sawSeparator = true
            position += 1
        }
        guard sawSeparator, let (longitude, _) = decimal(text, at: position) else { return false }
        return abs(longitude) <= 180
    }

    /// A decimal with 1–3 integer digits and at least 3 fraction digits, and where it ends.
    private static func decimal(_ text: TextBytes, at start: Int) -> (Double, Int)? {
        var position = start
        var sign = 1.0
        if text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
            if text[position] == UInt8(ascii: "-") { sign = -1 }
            position += 1
        }
        var whole = 0
        let wholeStart = position
        while text.isDigit(at: position), position - wholeStart <= 3 {
            whole = whole * 10 + Int(text[position] &- 0x30)
            position += 1
        }
        guard (1...3).contains(position - wholeStart), text[position] == UInt8(ascii: ".") else { return nil }
        position += 1
        let fractionStart = position
        while text.isDigit(at: position) { position += 1 }
        guard position - fractionStart >= 3, !TextBytes.isLetter(text[position]) else { return nil }
        return (sign * Double(whole), position)
    }

    private static func matchesDegrees(_ text: TextBytes, at start: Int) -> Bool {
        var position = start
        while text.isDigit(at: position), position - start < 3 { position += 1 }
        // U+00B0 DEGREE SIGN is C2 B0 in UTF-8.
        guard position > start, text[position] == 0xC2, text[position + 1] == 0xB0 else { return false }
        return text.isDigit(at: position + 2)
    }
}
