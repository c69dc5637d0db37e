/// Splits a property key into lowercase words.
///
/// Words break at any non-alphanumeric ASCII byte (`snake_case`, `kebab-case`, `dotted.keys`,
/// `$lib`), between letters and digits (`ipv4` → `ipv`, `4`), before a capital that follows a
/// small letter (`emailAddress` → `email`, `address`), and before the last capital of a run that
/// is followed by small letters (`IPAddress` → `ip`, `address`; `userID` → `user`, `id`). A run
/// of capitals followed by a single small letter stays together (`userIDs` → `user`, `ids`;
/// `IPv6` → `ipv`, `6`). Non-ASCII characters belong to the word they are in.
enum KeyWords {
    static func split(_ key: String) -> [String] {
        TextBytes.with(key) { split($0) }
    }

    static func split(_ bytes: TextBytes) -> [String] {
        var words: [String] = []
        var start = -1
        func finish(at end: Int) {
            if start >= 0 && end > start { words.append(lowercasedWord(bytes, start, end)) }
            start = -1
        }
        for index in 0..<bytes.count {
            let byte = bytes.base[index]
            let kind = Kind(byte)
            if kind == .separator {
                finish(at: index)
                continue
            }
            if start >= 0 && breaksBefore(bytes, index, kind) { finish(at: index) }
            if start < 0 { start = index }
        }
        finish(at: bytes.count)
        return words
    }

    private enum Kind {
        case lower, upper, digit, separator

        init(_ byte: UInt8) {
            if TextBytes.isLowercase(byte) || byte >= 0x80 {
                self = .lower
            } else if TextBytes.isUppercase(byte) {
                self = .upper
            } else if TextBytes.isDigit(byte) {
                self = .digit
            } else {
                self = .separator
            }
        }
    }

    private static func breaksBefore(_ bytes: TextBytes, _ index: Int, _ kind: Kind) -> Bool {
        let previous = Kind(bytes[index - 1])
        switch (previous, kind) {
        case (.digit, .lower), (.digit, .upper), (.lower, .digit), (.upper, .digit), (.lower, .upper):
            return true
        case (.upper, .upper):
            // "IPAddress": break before "A" when small letters follow, unless just one does ("IDs", "IPv6").
            guard Kind(bytes[index + 1]) == .lower else { return false }
            return Kind(bytes[index + 2]) == .lower
        default:
            return false
        }
    }

    private static func lowercasedWord(_ bytes: TextBytes, _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { buffer in
            for offset in 0..<(end - start) {
                buffer[offset] = TextBytes.lowercased(bytes.base[start + offset])
            }
            return end - start
        }
    }
}
