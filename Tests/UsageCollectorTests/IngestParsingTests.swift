import Foundation
import NIOCore
import Testing

@testable import UsageCollector

@Suite("Byte-level parsing: JSON scanner, timestamps, gzip")
struct IngestParsingTests {
    static func scan(_ text: String, maxDepth: Int = 64) -> JSONScanFailure? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> JSONScanFailure? in
            var scanner = JSONScanner(UnsafeBufferPointer(buffer), maxDepth: maxDepth)
            do throws(JSONScanFailure) {
                try scanner.skipValue(depth: 1)
                try scanner.expectEnd()
                return nil
            } catch {
                return error
            }
        }
    }

    @Test(
        "valid JSON documents are accepted",
        arguments: [
            "{}", "[]", "0", "-0.5e+10", "1E3", #""\u00e9\ud83d\ude00\n\"""#, "true", "false", "null",
            #"{"a": [1, {"b": null}], "c": "é"}"#, " [ 1 , 2 ] ",
        ]
    )
    func valid(_ text: String) {
        #expect(Self.scan(text) == nil)
    }

    @Test(
        "invalid JSON documents are refused",
        arguments: [
            "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", ".5", "1e", "tru", "nul", "\"abc", "\"\\x\"",
            "\"\\u12\"", "\"\\udc00\"", "\"\\ud800x\"", "{\"a\":1,}", "[1 2]", "\"tab\there\"", "{} {}",
            "{'a': 1}", "NaN",
        ]
    )
    func invalid(_ text: String) {
        #expect(Self.scan(text) != nil)
    }

    @Test("invalid UTF-8 inside strings is refused: overlong, surrogate, truncated, stray continuation")
    func invalidUTF8() {
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF5, 0x80, 0x80, 0x80]] {
            var document: [UInt8] = [0x22] + bytes + [0x22]
            let failure = document.withUnsafeMutableBufferPointer { buffer -> JSONScanFailure? in
                var scanner = JSONScanner(UnsafeBufferPointer(buffer), maxDepth: 8)
                do throws(JSONScanFailure) {
                    try scanner.skipValue(depth: 1)
                    return nil
                } catch {
                    return error
                }
            }
            #expect(failure != nil, "\(bytes)")
        }
    }

    @Test("nesting deeper than the limit is refused as too deep")
    func depth() {
        let ok = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(Self.scan(ok, maxDepth: 10) == nil)
        let deep = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)
        #expect(Self.scan(deep, maxDepth: 10) == .tooDeep)
    }

    @Test("escaped strings decode to the right text")
    func decode() {
        var bytes = Array(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#.utf8)
        let text = bytes.withUnsafeMutableBufferPointer { buffer in
            var scanner = JSONScanner(UnsafeBufferPointer(buffer), maxDepth: 4)
            let token = try! scanner.scanString()
            return scanner.string(token)
        }
        #expect(text == "a\"b\\c/d\né😀")
    }

    @Test("\\u0000 in properties is stored as \\ufffd, other escapes untouched")
    func nullEscapes() {
        var bytes = Array(#"{"a": "x\u0000y", "b": "\\u0000"}"#.utf8)
        let text = bytes.withUnsafeMutableBufferPointer { PropertiesText.replacingNullEscapes(UnsafeBufferPointer($0)) }
        #expect(text == #"{"a": "x\ufffdy", "b": "\\u0000"}"#)
    }

    @Test(
        "ISO-8601 timestamps in the forms clients send",
        arguments: [
            ("2024-05-01T12:30:00Z", 1_714_566_600_000_000),
            ("2024-05-01T12:30:00.123456+00:00", 1_714_566_600_123_456),
            ("2024-05-01 12:30:00.5", 1_714_566_600_500_000),
            ("2024-05-01T14:30:00+02:00", 1_714_566_600_000_000),
            ("2024-05-01T12:30Z", 1_714_566_600_000_000),
            ("1969-12-31T23:59:59Z", -1_000_000),
            ("2024-02-29T00:00:00Z", 1_709_164_800_000_000),
        ] as [(String, Int64)]
    )
    func timestamps(_ text: String, _ expected: Int64) {
        #expect(ISO8601Timestamp.parse(text) == expected)
        let formatted = ISO8601Timestamp.format(expected)
        #expect(ISO8601Timestamp.parse(formatted) == expected)
    }

    @Test(
        "malformed timestamps are refused",
        arguments: [
            "", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-05-01", "2024-05-01T25:00:00Z",
            "2024-05-01T12:30:00.Z", "2024-05-01T12:30:00Zjunk", "yesterday", "1714566600",
        ]
    )
    func badTimestamps(_ text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test("gzip inflation: round trip, concatenated members, corrupt and truncated input, and the output cap")
    func gzip() throws {
        var text = ByteBuffer(string: String(repeating: "analytics ", count: 10_000))
        let original = text
        let compressed = try text.compress(with: .gzip())
        let inflated = try compressed.withUnsafeReadableBytes { try GzipInflater.inflate($0, limit: 1_000_000) }
        #expect(inflated == original)

        var twice = compressed
        twice.writeImmutableBuffer(compressed)
        let both = try twice.withUnsafeReadableBytes { try GzipInflater.inflate($0, limit: 1_000_000) }
        #expect(both.readableBytes == 2 * original.readableBytes)

        #expect(throws: GzipInflater.Failure.tooLarge) {
            try compressed.withUnsafeReadableBytes { try GzipInflater.inflate($0, limit: 99_999) }
        }
        let truncated = compressed.getSlice(at: 0, length: compressed.readableBytes - 10)!
        #expect(throws: GzipInflater.Failure.corrupt) {
            try truncated.withUnsafeReadableBytes { try GzipInflater.inflate($0, limit: 1_000_000) }
        }
        var garbage = compressed
        garbage.writeString("not gzip")
        #expect(throws: GzipInflater.Failure.corrupt) {
            try garbage.withUnsafeReadableBytes { try GzipInflater.inflate($0, limit: 1_000_000) }
        }
    }
}
