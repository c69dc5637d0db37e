/// Finds national identity numbers whose shape is distinctive enough to match in text.
///
/// - **US Social Security number**: `ddd-dd-dddd` or `ddd dd dddd` (one separator kind), with
///   the Social Security Administration's never-issued parts excluded (area `000`, `666` or
///   `9xx`, group `00`, serial `0000`). Nine bare digits are not matched here; the allowlist of
///   generic strings already withholds long digit runs.
/// - **UK National Insurance number**: two letters, six digits (optionally in pairs separated by
///   single spaces or dashes) and a final letter `A`–`D`, either case: `QQ 12 34 56 C`, `qq123456c`.
///
/// Both must stand alone (see ``TextBytes/startsNumber(at:)`` and ``TextBytes/endsToken(at:)``).
enum NationalIDPattern {
    static func matchesSocialSecurityNumber(_ text: TextBytes, at start: Int) -> Bool {
        guard text.startsNumber(at: start) else { return false }
        let separator = text[start + 3]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: " "), text[start + 6] == separator
        else { return false }
        for offset in [0, 1, 2, 4, 5, 7, 8, 9, 10] where !text.isDigit(at: start + offset) { return false }
        guard text.endsToken(at: start + 11) else { return false }
        let area = digits(text, start, 3)
        return area != 0 && area != 666 && area < 900 && digits(text, start + 4, 2) != 0
            && digits(text, start + 7, 4) != 0
    }

    static func matchesNationalInsuranceNumber(_ text: TextBytes, at start: Int) -> Bool {
        guard !text.isAlphanumeric(at: start - 1), TextBytes.isLetter(text[start]), TextBytes.isLetter(text[start + 1])
        else { return false }
        var position = start + 2
        var separator: UInt8?
        for pair in 0..<3 {
            let byte = text[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                if pair == 0 { separator = byte }
                guard byte == separator else { return false }
                position += 1
            } else if separator != nil {
                return false
            }
            guard text.isDigit(at: position), text.isDigit(at: position + 1) else { return false }
            position += 2
        }
        if let separator, text[position] == separator { position += 1 }
        let suffix = TextBytes.lowercased(text[position])
        guard (UInt8(ascii: "a")...UInt8(ascii: "d")).contains(suffix) else { return false }
        return !text.isAlphanumeric(at: position + 1)
    }

    private static func digits(_ text: TextBytes, _ start: Int, _ count: Int) -> Int {
        (start..<start + count).reduce(0) { $0 * 10 + Int(text[$1] &- 0x30) }
    }
}
