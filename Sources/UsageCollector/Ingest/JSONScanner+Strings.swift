extension JSONScanner {
    /// Scans a string starting at its opening quote, validating escapes, surrogate pairs and UTF-8.
    mutating func scanString() throws(JSONScanFailure) -> JSONStringToken {
        guard self.peek() == UInt8(ascii: "\"") else { throw .syntax("expected a string at byte \(self.position)") }
        self.position += 1
        let start = self.position
        var hasEscapes = false
        while self.position < self.count {
            let byte = self.base[self.position]
            if byte == UInt8(ascii: "\"") {
                let token = JSONStringToken(range: start..<self.position, hasEscapes: hasEscapes)
                self.position += 1
                return token
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                try self.scanEscape()
            } else if byte < 0x20 {
                throw .syntax("control character in a string at byte \(self.position)")
            } else if byte < 0x80 {
                self.position += 1
            } else {
                try self.scanMultibyteScalar()
            }
        }
        throw .syntax("unterminated string")
    }

    private mutating func scanEscape() throws(JSONScanFailure) {
        guard self.position + 1 < self.count else { throw .syntax("unterminated escape") }
        let escaped = self.base[self.position + 1]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            self.position += 2
        case UInt8(ascii: "u"):
            let unit = try self.hexQuad(at: self.position + 2)
            self.position += 6
            if unit == 0 { self.sawNullEscape = true }
            if unit >= 0xD800 && unit < 0xDC00 {
                // A high surrogate must be followed by an escaped low surrogate.
                guard self.position + 1 < self.count, self.base[self.position] == UInt8(ascii: "\\"),
                    self.base[self.position + 1] == UInt8(ascii: "u")
                else { throw .syntax("unpaired surrogate at byte \(self.position)") }
                let low = try self.hexQuad(at: self.position + 2)
                guard low >= 0xDC00 && low < 0xE000 else {
                    throw .syntax("unpaired surrogate at byte \(self.position)")
                }
                self.position += 6
            } else if unit >= 0xDC00 && unit < 0xE000 {
                throw .syntax("unpaired surrogate at byte \(self.position)")
            }
        default:
            throw .syntax("invalid escape at byte \(self.position)")
        }
    }

    private func hexQuad(at offset: Int) throws(JSONScanFailure) -> UInt32 {
        guard offset + 4 <= self.count else { throw .syntax("truncated \\u escape") }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            guard let digit = JSONScanner.hexValue(self.base[index]) else {
                throw .syntax("invalid \\u escape at byte \(index)")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Validates one UTF-8 sequence of two to four bytes (RFC 3629: no overlongs, no surrogates).
    private mutating func scanMultibyteScalar() throws(JSONScanFailure) {
        let lead = self.base[self.position]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw .syntax("invalid UTF-8 at byte \(self.position)")
        }
        guard self.position + length <= self.count else { throw .syntax("truncated UTF-8 at byte \(self.position)") }
        let second = self.base[self.position + 1]
        guard second >= lower && second <= upper else { throw .syntax("invalid UTF-8 at byte \(self.position)") }
        for offset in 2..<length where self.base[self.position + offset] & 0xC0 != 0x80 {
            throw .syntax("invalid UTF-8 at byte \(self.position)")
        }
        self.position += length
    }

    /// The text of a scanned string token, with escapes decoded.
    func string(_ token: JSONStringToken) -> String {
        let raw = self.bytes(token.range)
        guard token.hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = Self.quad(raw, index)
                index += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    let low = Self.quad(raw, index + 2)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                // The scanner already rejected lone surrogates, so this scalar is valid.
                output.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default: output.append(escaped)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func quad(_ raw: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in offset..<(offset + 4) { value = value << 4 | UInt32(Self.hexValue(raw[index]) ?? 0) }
        return value
    }
}
