/// Finds an email address around an `@` (or its URL encoding `%40`).
///
/// Rule: at least one local-part character right before the `@`, then a domain of two or more
/// dot-separated labels whose last label (the TLD) has two or more letters, or is an IDN (`xn--`,
/// or non-ASCII). `git@github.com` counts; `@mention`, `user@localhost` and `pkg@1.2.3` do not.
enum EmailPattern {
    /// The longest domain looked at, per RFC 1035.
    private static let maximumDomainLength = 253

    /// Whether an email address has its `@` (spelled with `width` bytes) at `index`.
    static func matches(_ text: TextBytes, at index: Int, width: Int) -> Bool {
        guard isLocalPartByte(text[index - 1]) else { return false }
        let domainStart = index + width
        let limit = domainStart + maximumDomainLength
        var position = domainStart
        var labels = 0
        var lastLabelStart = position
        var lastLabelIsAlphabetic = false
        while position < limit {
            let start = position
            var alphabetic = true
            while position < limit, isDomainByte(text[position]) {
                if TextBytes.isDigit(text[position]) || text[position] == UInt8(ascii: "-") { alphabetic = false }
                position += 1
            }
            guard position > start, text[start] != UInt8(ascii: "-") else { break }
            labels += 1
            lastLabelStart = start
            lastLabelIsAlphabetic = alphabetic && position - start >= 2
            // A dot continues the domain only when another label follows ("a@b.com." ends a sentence).
            guard text[position] == UInt8(ascii: "."), isDomainByte(text[position + 1]) else { break }
            position += 1
        }
        guard labels >= 2 else { return false }
        return lastLabelIsAlphabetic || text.hasCaseInsensitivePrefix("xn--", at: lastLabelStart)
    }

    /// Local-part characters (RFC 5322 atext and dots), plus non-ASCII for internationalised addresses.
    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        if TextBytes.isAlphanumeric(byte) || byte >= 0x80 { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"),
            UInt8(ascii: "'"), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        TextBytes.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte >= 0x80
    }
}
