/// Reads digits that stand for letters in a key (`passw0rd`, `em4il`, `s3cret`, `pa55word`).
enum LeetSpelling {
    /// The key with every digit that touches a letter replaced by the letter it resembles, or nil
    /// when no digit touches a letter (so `ipv4`, `http2` and `top10` are left as they are).
    static func letters(in key: String) -> String? {
        let bytes = Array(key.utf8)
        var result = bytes
        var changed = false
        for index in bytes.indices {
            guard let replacement = letter(for: bytes[index]) else { continue }
            let before = index > 0 && TextBytes.isLetter(bytes[index - 1])
            let after = index + 1 < bytes.count && TextBytes.isLetter(bytes[index + 1])
            // A digit at the end of a word is a number (`ipv4`, `s3`); inside or before letters it spells one.
            guard after || (before && index + 1 < bytes.count && letter(for: bytes[index + 1]) != nil) else {
                continue
            }
            result[index] = replacement
            changed = true
        }
        return changed ? String(decoding: result, as: UTF8.self) : nil
    }

    private static func letter(for byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"): UInt8(ascii: "i")
        case UInt8(ascii: "3"): UInt8(ascii: "e")
        case UInt8(ascii: "4"): UInt8(ascii: "a")
        case UInt8(ascii: "5"): UInt8(ascii: "s")
        case UInt8(ascii: "7"): UInt8(ascii: "t")
        default: nil
        }
    }
}
