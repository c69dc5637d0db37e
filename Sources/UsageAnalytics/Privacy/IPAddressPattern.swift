/// Finds IPv4 and IPv6 addresses.
///
/// - IPv4: four dot-separated decimal octets, each 0–255, standing alone (`10.0.0.1`,
///   `192.168.1.20:8080`, `10.0.0.0/8`). A four-part version with small parts (`1.0.0.1`) reads
///   as an address too; `v1.0.0.1`, `1.2.3`, and `1.2.3.4.5` do not.
/// - IPv6: hex groups of 1–4 digits separated by colons, either exactly eight groups or fewer
///   with one `::`, containing at least one decimal digit (`2001:db8::1`, `fe80::1%eth0`, `::1`,
///   `::ffff:192.0.2.1`). Times (`10:30:00`), MAC addresses and scopes (`Foo::bar`) do not match.
enum IPAddressPattern {
    static func matchesIPv4(_ text: TextBytes, at start: Int) -> Bool {
        let previous = text[start - 1]
        guard !TextBytes.isAlphanumeric(previous), previous != UInt8(ascii: ".") else { return false }
        var position = start
        for octet in 0..<4 {
            let octetStart = position
            var value = 0
            while text.isDigit(at: position), position - octetStart < 3 {
                value = value * 10 + Int(text[position] &- 0x30)
                position += 1
            }
            guard position > octetStart, value <= 255, !text.isDigit(at: position) else { return false }
            if octet < 3 {
                guard text[position] == UInt8(ascii: ".") else { return false }
                position += 1
            }
        }
        let next = text[position]
        return !TextBytes.isAlphanumeric(next) && !(next == UInt8(ascii: ".") && text.isDigit(at: position + 1))
    }

    static func matchesIPv6(_ text: TextBytes, at start: Int) -> Bool {
        guard startsIPv6Candidate(text, at: start) else { return false }
        var position = start
        var groups = 0
        var groupLength = 0
        var compressed = false
        var hasDecimalDigit = false
        while position - start <= 45 {
            let byte = text[position]
            if TextBytes.isHexDigit(byte) {
                groupLength += 1
                if groupLength > 4 { return false }
                if TextBytes.isDigit(byte) { hasDecimalDigit = true }
            } else if byte == UInt8(ascii: ":") {
                if groupLength > 0 {
                    groups += 1
                    groupLength = 0
                }
                if text[position + 1] == UInt8(ascii: ":") {
                    if compressed || text[position + 2] == UInt8(ascii: ":") { return false }
                    compressed = true
                    position += 1
                } else if position == start || !TextBytes.isHexDigit(text[position + 1]) {
                    // A lone leading colon is no address; a trailing one ends it ("fe80::1: up").
                    if position == start { return false }
                    break
                }
            } else {
                break
            }
            position += 1
        }
        if groupLength > 0 { groups += 1 }
        guard !TextBytes.isAlphanumeric(text[position]), hasDecimalDigit, groups >= 1 else { return false }
        return compressed ? groups <= 7 : groups == 8
    }

    /// An IPv6 candidate starts a token: the previous byte is neither alphanumeric nor a colon,
    /// except a colon after a word such as `addr:` or `ip:`.
    private static func startsIPv6Candidate(_ text: TextBytes, at start: Int) -> Bool {
        let first = text[start]
        guard TextBytes.isHexDigit(first) || (first == UInt8(ascii: ":") && text[start + 1] == UInt8(ascii: ":"))
        else { return false }
        let previous = text[start - 1]
        if TextBytes.isAlphanumeric(previous) { return false }
        if previous == UInt8(ascii: ":") {
            let beforeColon = text[start - 2]
            return TextBytes.isLetter(beforeColon) && !TextBytes.isHexDigit(beforeColon)
        }
        // A colon must appear within the first group, or this is an ordinary word or number.
        for offset in 0...4 where text[start + offset] == UInt8(ascii: ":") { return true }
        return false
    }
}
