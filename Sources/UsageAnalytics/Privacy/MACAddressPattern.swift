/// Finds hardware (MAC) addresses: six hex pairs joined by `:` or `-` (one kind), as in
/// `00:1A:2B:3C:4D:5E`, or three groups of four hex digits joined by dots, as in `001a.2b3c.4d5e`,
/// standing alone. A MAC address identifies one device, and so usually one person.
enum MACAddressPattern {
    static func matches(_ text: TextBytes, at start: Int) -> Bool {
        // Not the tail of a longer run of groups (`00:1A:…:6F` read from its second group).
        let previous = text[start - 1]
        guard !TextBytes.isAlphanumeric(previous), !TextBytes.isJoiner(previous) else { return false }
        return matchesGroups(text, at: start, groups: 6, width: 2, separators: [UInt8(ascii: ":"), UInt8(ascii: "-")])
            || matchesGroups(text, at: start, groups: 3, width: 4, separators: [UInt8(ascii: ".")])
    }

    private static func matchesGroups(
        _ text: TextBytes, at start: Int, groups: Int, width: Int, separators: [UInt8]
    ) -> Bool {
        let separator = text[start + width]
        guard separators.contains(separator) else { return false }
        var position = start
        for group in 0..<groups {
            for offset in 0..<width where !TextBytes.isHexDigit(text[position + offset]) { return false }
            position += width
            if group < groups - 1 {
                guard text[position] == separator else { return false }
                position += 1
            }
        }
        return !text.isAlphanumeric(at: position) && text[position] != separator
    }
}
