/// Shapes that make a key, an event name or a token data rather than a name: runs of digits or
/// hex that hold an identifier, and words that are people's names.
enum DataShape {
    /// The longest run of decimal digits a name may hold: `http_2xx`, `p99`, `top1000` pass;
    /// `ticket_88413377`, a postcode or a phone number do not.
    static let longestDigitRun = 4
    /// The longest run of hex digits (mixing digits and letters) a name may hold, so a hash, a
    /// UUID part or a hex id glued into a name (`user_9f86d081`) is refused.
    static let longestHexRun = 7
    /// The most digits a name may hold in all, so that an identifier split into short groups
    /// (`4149.3309.6946.7937`, `ticket_1234_5678`) is refused too; like generic numbers, seven
    /// digits or more can be a phone, card or national number.
    static let mostDigits = 6

    /// Whether `text` holds a digit run or a mixed hex run longer than the limits, or more digits
    /// in all than ``mostDigits``.
    static func hasIdentifierRun(_ text: String) -> Bool {
        var totalDigits = 0
        var digits = 0
        var hex = 0
        var hexHasDigit = false
        var hexHasLetter = false
        for byte in text.utf8 {
            if TextBytes.isDigit(byte) {
                digits += 1
                totalDigits += 1
                if digits > longestDigitRun || totalDigits > mostDigits { return true }
            } else {
                digits = 0
            }
            if TextBytes.isHexDigit(byte) {
                hex += 1
                if TextBytes.isDigit(byte) { hexHasDigit = true } else { hexHasLetter = true }
                if hex > longestHexRun, hexHasDigit, hexHasLetter { return true }
            } else {
                hex = 0
                hexHasDigit = false
                hexHasLetter = false
            }
        }
        return false
    }

    /// Whether one of `words` (lowercase) is a common given name or surname.
    static func namesPerson(_ words: [String]) -> Bool {
        words.contains { PersonNames.all.contains($0) }
    }

    /// Whether `text` has a name's shape: no identifier run and no person's name among its words.
    static func isNameShaped(_ text: String) -> Bool {
        !hasIdentifierRun(text) && !namesPerson(KeyWords.split(text))
    }
}
