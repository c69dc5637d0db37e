import Foundation
import Testing
import UsageAnalytics

@Suite("JSON input parsing")
struct PropertyValueJSONTests {
    @Test("values keep their JSON types")
    func types() throws {
        let value = try PropertyValue(
            json: Array(
                #" {"a": 1, "b": 1.5, "c": true, "d": null, "e": [1, "x"], "f": {"g": -2.5e3}, "h": "\u00e9\ud83d\ude00\n"} "#
                    .utf8))
        #expect(
            value == [
                "a": 1, "b": 1.5, "c": true, "d": nil, "e": [1, "x"], "f": ["g": -2500], "h": "é😀\n",
            ])
    }

    @Test("values round-trip through JSONEncoder and JSONDecoder")
    func roundTrip() throws {
        let value: PropertyValue = ["n": 7, "x": 0.25, "s": "ü", "l": [true, nil, ["k": "v"]]]
        let decoded = try JSONDecoder().decode(PropertyValue.self, from: JSONEncoder().encode(value))
        #expect(decoded == value)
    }

    @Test(
        "malformed input is refused with a reason",
        arguments: [
            "", "{", #"{"a" 1}"#, "[,1]", "01", #""\x""#, #""\ud800""#, "tru", "1 2", "{\"a\":\"\u{1}\"}", "1e999", "-",
            "[1]]", #"{"a":1,,"b":2}"#, "NaN", "'x'", #"{"a"}"#, "[1 2]",
        ])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self, "\(text)") { try PropertyValue(json: Array(text.utf8)) }
        do {
            _ = try PropertyValue(json: Array(text.utf8))
        } catch {
            #expect(!error.reason.isEmpty && error.description.hasPrefix("invalid JSON: "))
            #expect(error.reason != "The given data was not valid JSON.", "says what was wrong: \(text)")
        }
    }

    @Test("invalid UTF-8 is refused")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try PropertyValue(json: [0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test("nesting is bounded at 64 levels below the top, so hostile input cannot exhaust the stack")
    func depthBound() throws {
        for depth in [66, 513, 100_000] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(throws: JSONParseError.self, "\(depth) levels") { try PropertyValue(json: Array(deep.utf8)) }
        }
        let deepObject = String(repeating: #"{"a":"#, count: 70) + "1" + String(repeating: "}", count: 70)
        #expect(throws: JSONParseError.self) { try PropertyValue(json: Array(deepObject.utf8)) }
        let allowed = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        _ = try PropertyValue(json: Array(allowed.utf8))
    }

    @Test("wide and long input decodes whole")
    func size() throws {
        let wide = "[" + Array(repeating: #"{"k":[1,2.5,"v"]}"#, count: 20_000).joined(separator: ",") + "]"
        guard case .array(let elements) = try PropertyValue(json: Array(wide.utf8)) else {
            Issue.record("not an array")
            return
        }
        #expect(elements.count == 20_000 && elements.last == ["k": [1, 2.5, "v"]])
        let long = try PropertyValue(json: Array(("\"" + String(repeating: "x", count: 5_000_000) + "\"").utf8))
        #expect(long == .string(String(repeating: "x", count: 5_000_000)))
    }
}
