/// A validating, allocation-free scanner over UTF-8 JSON bytes.
///
/// It checks the full RFC 8259 grammar (including UTF-8 validity, control characters, escapes and
/// surrogate pairs) and bounds the nesting depth, but builds no values: callers walk objects key by key,
/// decode the few strings they need and keep everything else as byte ranges of the original input.
/// That is what lets the collector validate a 100-event batch far faster than a Foundation decoder.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int
    var position: Int
    /// Set when a string contained the escape `\u0000`, which PostgreSQL's `jsonb` rejects.
    var sawNullEscape = false

    init(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        // An empty buffer may have a nil base address; a one-byte dummy keeps the pointer non-optional.
        self.base = buffer.baseAddress.map { UnsafePointer($0) } ?? JSONScanner.emptyBase
        self.count = buffer.count
        self.maxDepth = maxDepth
        self.position = 0
    }

    nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    var isAtEnd: Bool { self.position >= self.count }

    @inline(__always)
    mutating func skipWhitespace() {
        while self.position < self.count {
            switch self.base[self.position] {
            case 0x20, 0x0A, 0x0D, 0x09: self.position += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, without consuming it.
    @inline(__always)
    mutating func peek() -> UInt8? {
        self.skipWhitespace()
        return self.position < self.count ? self.base[self.position] : nil
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONScanFailure) {
        guard self.peek() == byte else { throw .syntax("expected \(what) at byte \(self.position)") }
        self.position += 1
    }

    /// Requires that only whitespace remains.
    mutating func expectEnd() throws(JSONScanFailure) {
        self.skipWhitespace()
        guard self.isAtEnd else { throw .syntax("unexpected data after the JSON value at byte \(self.position)") }
    }

    // MARK: Containers

    /// Consumes `{` of an object at `depth` (1 for the outermost value).
    mutating func beginObject(depth: Int) throws(JSONScanFailure) {
        guard depth <= self.maxDepth else { throw .tooDeep }
        try self.expect(UInt8(ascii: "{"), "'{'")
    }

    /// Advances to the next key of an object and consumes its `:`; returns nil after the closing `}`.
    mutating func nextKey(isFirst: inout Bool) throws(JSONScanFailure) -> JSONStringToken? {
        guard let byte = self.peek() else { throw .syntax("unterminated object") }
        if byte == UInt8(ascii: "}") {
            self.position += 1
            return nil
        }
        if isFirst {
            isFirst = false
        } else {
            guard byte == UInt8(ascii: ",") else { throw .syntax("expected ',' or '}' at byte \(self.position)") }
            self.position += 1
            self.skipWhitespace()
        }
        guard self.position < self.count, self.base[self.position] == UInt8(ascii: "\"") else {
            throw .syntax("expected an object key at byte \(self.position)")
        }
        let key = try self.scanString()
        try self.expect(UInt8(ascii: ":"), "':'")
        self.skipWhitespace()
        return key
    }

    /// Consumes `[` of an array at `depth`.
    mutating func beginArray(depth: Int) throws(JSONScanFailure) {
        guard depth <= self.maxDepth else { throw .tooDeep }
        try self.expect(UInt8(ascii: "["), "'['")
    }

    /// Advances to the next element of an array; returns false after the closing `]`.
    mutating func nextElement(isFirst: inout Bool) throws(JSONScanFailure) -> Bool {
        guard let byte = self.peek() else { throw .syntax("unterminated array") }
        if byte == UInt8(ascii: "]") {
            self.position += 1
            return false
        }
        if isFirst {
            isFirst = false
        } else {
            guard byte == UInt8(ascii: ",") else { throw .syntax("expected ',' or ']' at byte \(self.position)") }
            self.position += 1
            self.skipWhitespace()
        }
        return true
    }

    // MARK: Values

    /// Validates and skips any JSON value whose container depth would be `depth`.
    mutating func skipValue(depth: Int) throws(JSONScanFailure) {
        guard let byte = self.peek() else { throw .syntax("expected a value at byte \(self.position)") }
        switch byte {
        case UInt8(ascii: "{"):
            try self.beginObject(depth: depth)
            var isFirst = true
            while try self.nextKey(isFirst: &isFirst) != nil {
                try self.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            try self.beginArray(depth: depth)
            var isFirst = true
            while try self.nextElement(isFirst: &isFirst) {
                try self.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "\""):
            _ = try self.scanString()
        case UInt8(ascii: "t"):
            try self.scanLiteral("true")
        case UInt8(ascii: "f"):
            try self.scanLiteral("false")
        case UInt8(ascii: "n"):
            try self.scanLiteral("null")
        default:
            _ = try self.scanNumber()
        }
    }

    mutating func scanLiteral(_ literal: StaticString) throws(JSONScanFailure) {
        let length = literal.utf8CodeUnitCount
        guard self.position + length <= self.count else { throw .syntax("invalid literal at byte \(self.position)") }
        let literalBytes = literal.utf8Start
        for offset in 0..<length where self.base[self.position + offset] != literalBytes[offset] {
            throw .syntax("invalid literal at byte \(self.position)")
        }
        self.position += length
    }

    /// Whether the next value is the literal `null`; consumes it if so.
    mutating func consumeNull() throws(JSONScanFailure) -> Bool {
        guard self.peek() == UInt8(ascii: "n") else { return false }
        try self.scanLiteral("null")
        return true
    }

    /// Scans a number per the JSON grammar and returns its byte range.
    mutating func scanNumber() throws(JSONScanFailure) -> Range<Int> {
        let start = self.position
        if self.position < self.count, self.base[self.position] == UInt8(ascii: "-") { self.position += 1 }
        guard self.position < self.count, self.isDigit(self.base[self.position]) else {
            throw .syntax("invalid value at byte \(start)")
        }
        if self.base[self.position] == UInt8(ascii: "0") {
            self.position += 1
        } else {
            self.skipDigits()
        }
        if self.position < self.count, self.base[self.position] == UInt8(ascii: ".") {
            self.position += 1
            guard self.position < self.count, self.isDigit(self.base[self.position]) else {
                throw .syntax("invalid number at byte \(start)")
            }
            self.skipDigits()
        }
        if self.position < self.count, self.base[self.position] | 0x20 == UInt8(ascii: "e") {
            self.position += 1
            if self.position < self.count,
                self.base[self.position] == UInt8(ascii: "+") || self.base[self.position] == UInt8(ascii: "-")
            {
                self.position += 1
            }
            guard self.position < self.count, self.isDigit(self.base[self.position]) else {
                throw .syntax("invalid number at byte \(start)")
            }
            self.skipDigits()
        }
        return start..<self.position
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    private mutating func skipDigits() {
        while self.position < self.count, self.isDigit(self.base[self.position]) { self.position += 1 }
    }

    /// The bytes of `range` as a buffer (valid while the scanned input is alive).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: self.base + range.lowerBound, count: range.count)
    }

    /// Whether an unescaped string token equals an ASCII literal.
    func token(_ token: JSONStringToken, equals literal: StaticString) -> Bool {
        guard !token.hasEscapes, token.range.count == literal.utf8CodeUnitCount else { return false }
        return memcmp(self.base + token.range.lowerBound, literal.utf8Start, token.range.count) == 0
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
