/// Decides whether a generic string looks like a value from a closed set, the only kind of
/// generic string a hosted deployment sends as it is.
///
/// An enum token is 1–64 ASCII letters, digits and `_ - . : / { } +` (so no whitespace, `@`, `=`,
/// `;`, `?`, `&`, `~` or `\`), and
/// - holds no identifier run and at most six digits (see ``DataShape``), and no person's name
///   among its words;
/// - is not a date (`1985-03-14`, `14.03.1985`, `03/14/1985`) nor a path into a home directory
///   (`/home/…`, `/Users/…`);
/// - has no part that looks like a password or random key: eight or more characters with a digit
///   between letters (`hunter2hunter`, `Tr0ub4dor`).
///
/// Under a key that names a version (`build`, `version`), dotted numbers are versions and may hold
/// long runs (`10.0.19045.2965`); under a key that names a product code (`isbn`, `ean`), a
/// number passing its check digit is a product code (see ``ProductCode``).
/// Callers check the text for personal-data patterns (``ValueInspector``) first.
enum EnumToken {
    static let maximumLength = 64

    static func matches(_ text: String, hint: ValueHint = .none) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength, bytes.allSatisfy(isTokenByte) else { return false }
        if matchesHint(text, hint) { return true }
        return DataShape.isNameShaped(text) && !isDate(bytes) && !isHomePath(text) && !hasSecretPart(bytes)
    }

    /// Whether `text` is what its key says: a version under a version key, a valid product code
    /// under a product-code key.
    static func matchesHint(_ text: String, _ hint: ValueHint) -> Bool {
        switch hint {
        case .none: false
        // A date is a version only with a build part after it (`2026.11.26.1`, not `27.02.1975`).
        case .version:
            text.utf8.count <= maximumLength && isVersion(text.utf8)
                && (!isDate(text.utf8) || text.utf8.split(separator: UInt8(ascii: ".")).count > 3)
        case .productCode: text.utf8.count <= 32 && ProductCode.isValid(text)
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        if TextBytes.isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    /// `6.3.1`, `v2.1.0.7`, `10.0.19045.2965`, `2026.11.26.1`: an optional `v`, then 2–5
    /// dot-separated numbers, at most two of them four digits or longer (a card number written in
    /// dotted groups of four is no version).
    private static func isVersion(_ bytes: String.UTF8View) -> Bool {
        var parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if let first = parts.first, first.first == UInt8(ascii: "v") || first.first == UInt8(ascii: "V") {
            parts[0] = first.dropFirst()
        }
        guard (2...5).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(TextBytes.isDigit) })
        else { return false }
        return parts.filter { $0.count >= 4 }.count <= 2 && parts.allSatisfy { $0.count <= 6 }
    }

    /// Three numbers joined by one of `-`, `.` or `/` that read as a day, a month and a year.
    private static func isDate(_ bytes: String.UTF8View) -> Bool {
        var groups: [(value: Int, length: Int, separator: UInt8)] = []
        var value = 0
        var length = 0
        for byte in bytes {
            if TextBytes.isDigit(byte) {
                // Only lengths up to four matter; a longer run keeps a capped value instead of overflowing.
                value = min(value * 10 + Int(byte &- 0x30), 100_000)
                length += 1
                continue
            }
            if length > 0 { groups.append((value, length, byte)) }
            value = 0
            length = 0
        }
        if length > 0 { groups.append((value, length, 0)) }
        guard groups.count >= 3 else { return false }
        for index in 0..<(groups.count - 2) {
            let (a, b, c) = (groups[index], groups[index + 1], groups[index + 2])
            guard a.separator == b.separator, "-./".utf8.contains(a.separator) else { continue }
            let yearFirst =
                a.length == 4 && b.length <= 2 && c.length <= 2 && (1...12).contains(b.value)
                && (1...31).contains(c.value)
            let yearLast =
                c.length == 4 && a.length <= 2 && b.length <= 2 && (1...31).contains(a.value)
                && (1...31).contains(b.value) && min(a.value, b.value) <= 12
            if yearFirst || yearLast { return true }
        }
        return false
    }

    private static func isHomePath(_ text: String) -> Bool {
        let segments = text.lowercased().split(separator: "/")
        guard segments.count >= 2 else { return false }
        return segments.dropLast().contains { $0 == "home" || $0 == "users" || $0 == "user" }
    }

    /// A part of eight or more characters with a digit between two letters.
    private static func hasSecretPart(_ bytes: String.UTF8View) -> Bool {
        var partLength = 0
        var sandwiched = false
        var lastWasLetter = false
        var digitsAfterLetter = false
        for byte in bytes {
            if TextBytes.isLetter(byte) {
                if digitsAfterLetter { sandwiched = true }
                digitsAfterLetter = false
                lastWasLetter = true
            } else if TextBytes.isDigit(byte) {
                digitsAfterLetter = lastWasLetter || digitsAfterLetter
                lastWasLetter = false
            } else {
                if partLength >= 8 && sandwiched { return true }
                partLength = 0
                sandwiched = false
                lastWasLetter = false
                digitsAfterLetter = false
                continue
            }
            partLength += 1
        }
        return partLength >= 8 && sandwiched
    }
}
