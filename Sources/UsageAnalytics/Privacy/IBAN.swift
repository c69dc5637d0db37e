/// Finds an International Bank Account Number starting at a given letter.
///
/// Rule: a country code from the IBAN registry, two check digits and the country's BBAN, with the
/// registry's exact length, optionally in groups separated by single spaces (`DE89 3704 0044 0532
/// 0130 00`), either case, standing alone, and passing the ISO 7064 mod-97 check.
enum IBAN {
    static func matches(_ text: TextBytes, at start: Int) -> Bool {
        guard !text.isAlphanumeric(at: start - 1),
            TextBytes.isLetter(text[start]), TextBytes.isLetter(text[start + 1]),
            text.isDigit(at: start + 2), text.isDigit(at: start + 3),
            let length = registeredLength(TextBytes.uppercased(text[start]), TextBytes.uppercased(text[start + 1]))
        else { return false }

        // Walk exactly `length` alphanumerics, allowing one space between groups.
        var position = start
        var characters = 0
        var bbanStart = start
        while characters < length {
            if text[position] == UInt8(ascii: " "), characters > 0, text.isAlphanumeric(at: position + 1) {
                position += 1
            }
            guard text.isAlphanumeric(at: position) else { return false }
            if characters == 4 { bbanStart = position }
            characters += 1
            position += 1
        }
        guard !text.isAlphanumeric(at: position) else { return false }

        // Mod 97 of the BBAN followed by the country code and check digits, letters as 10...35.
        var remainder = 0
        func add(_ byte: UInt8) {
            if TextBytes.isDigit(byte) {
                remainder = (remainder * 10 + Int(byte &- 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(TextBytes.uppercased(byte) &- 0x41) + 10) % 97
            }
        }
        for index in bbanStart..<position where text[index] != UInt8(ascii: " ") { add(text[index]) }
        for index in start..<bbanStart where text[index] != UInt8(ascii: " ") { add(text[index]) }
        return remainder == 1
    }

    /// Whether `iban` (spaces allowed) is a valid IBAN.
    static func isValid(_ iban: String) -> Bool {
        TextBytes.with(iban) { matches($0, at: 0) }
    }

    /// The IBAN length for a country, from the SWIFT IBAN registry.
    static func registeredLength(_ first: UInt8, _ second: UInt8) -> Int? {
        lengths[UInt16(first) << 8 | UInt16(second)]
    }

    private static let lengths: [UInt16: Int] = {
        let registry: KeyValuePairs<StaticString, Int> = [
            "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
            "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
            "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
            "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
            "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
            "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
            "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
            "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
            "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
        ]
        var table: [UInt16: Int] = [:]
        for (code, length) in registry {
            let bytes = code.utf8Start
            table[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = length
        }
        return table
    }()
}
