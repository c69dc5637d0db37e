/// A bounds-safe view of a string's UTF-8 bytes for the value patterns.
///
/// Reading before the start or past the end yields 0, which no pattern accepts as part of a
/// token, so every pattern sees the text's edges as boundaries without index checks of its own.
/// Bytes of non-ASCII characters are never letters or digits here: they separate tokens.
struct TextBytes {
    let base: UnsafeBufferPointer<UInt8>

    var count: Int { base.count }

    @inline(__always)
    subscript(_ index: Int) -> UInt8 {
        index >= 0 && index < base.count ? base[index] : 0
    }

    /// Calls `body` with the UTF-8 bytes of `text`, copying only for non-contiguous (bridged) strings.
    static func with<Result>(_ text: String, _ body: (TextBytes) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(TextBytes(base: $0)) }) {
            return result
        }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { body(TextBytes(base: $0)) }!
    }

    @inline(__always) func isDigit(at index: Int) -> Bool { Self.isDigit(self[index]) }
    @inline(__always) func isAlphanumeric(at index: Int) -> Bool { Self.isAlphanumeric(self[index]) }

    /// Whether the bytes at `index` spell `literal`, compared exactly.
    func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index >= 0, index + length <= base.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where base[index + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// Whether the bytes at `index` spell `literal` ignoring ASCII case; `literal` must be lowercase.
    func hasCaseInsensitivePrefix(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index >= 0, index + length <= base.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where Self.lowercased(base[index + offset]) != pointer[offset] {
            return false
        }
        return true
    }

    /// Whether a number that starts at `index` stands on its own: the previous byte is not
    /// alphanumeric, and is not a joiner glued to an alphanumeric (`TIC-001234`, `u_4111…`, the
    /// groups of a UUID). A colon does not glue, so `tel:5551234567` starts a number.
    func startsNumber(at index: Int) -> Bool {
        let previous = self[index - 1]
        if Self.isAlphanumeric(previous) { return false }
        return !(Self.isJoiner(previous) && previous != UInt8(ascii: ":") && isAlphanumeric(at: index - 2))
    }

    /// Whether a number or token that ended just before `index` stands on its own: the next byte
    /// is not alphanumeric, and is not a joiner leading into more alphanumerics, as in `4567-89`,
    /// `1.5`, or the groups of a UUID.
    func endsToken(at index: Int) -> Bool {
        let next = self[index]
        if Self.isAlphanumeric(next) { return false }
        return !(Self.isJoiner(next) && isAlphanumeric(at: index + 1))
    }
}

extension TextBytes {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isUppercase(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    @inline(__always) static func isLowercase(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { isUppercase(byte) ? byte | 0x20 : byte }
    @inline(__always) static func uppercased(_ byte: UInt8) -> UInt8 { isLowercase(byte) ? byte & 0xDF : byte }

    /// The base64url alphabet (`A–Z a–z 0–9 - _`) of JWT segments and many API keys.
    @inline(__always) static func isBase64URL(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Bytes that join the parts of one identifier: `1.2.3`, `TIC-001234`, `a_b`, `/x/1`, `10:30`.
    @inline(__always) static func isJoiner(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "\\"),
            UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
