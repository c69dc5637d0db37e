import Testing
import UsageAnalytics

@Suite("JSON input parsing")
struct PropertyValueJSONTests {
    @Test("values keep their JSON types")
    func types() throws {
        let value = try PropertyValue(
            json: Array(
                #" {"a": 1, "b": 1.5, "c": true, "d": null, "e": [1, "x"], "f": {"g": -2e3}, "h": "\u00e9\ud83d\ude00\n"} "#
                    .utf8))
        #expect(
            value == [
                "a": 1, "b": 1.5, "c": true, "d": nil, "e": [1, "x"], "f": ["g": -2000.0], "h": "é😀\n",
            ])
    }

    @Test(
        "malformed input says where it went wrong",
        arguments: [
            ("", 0), ("{", 1), (#"{"a" 1}"#, 5), ("[1,]", 3), ("01", 1), (#""\x""#, 3), (#""\ud800""#, 7),
            ("tru", 3), ("1 2", 2), ("{\"a\":\"\u{1}\"}", 6), ("1e999", 5), ("-", 1),
        ])
    func malformed(text: String, offset: Int) {
        #expect(throws: JSONParseError.self) { try PropertyValue(json: Array(text.utf8)) }
        do {
            _ = try PropertyValue(json: Array(text.utf8))
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("invalid UTF-8 is refused")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try PropertyValue(json: [0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test("nesting is bounded, so hostile input cannot exhaust the stack")
    func depthBound() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try PropertyValue(json: Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try PropertyValue(json: Array(allowed.utf8))
    }
}
