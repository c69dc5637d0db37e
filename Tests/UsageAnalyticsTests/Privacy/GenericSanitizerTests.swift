import PropertyBased
import Testing

@testable import UsageAnalytics

/// The sanitizer's generic mode on its own: exact output and exact counts.
@Suite("Sanitizer, generic mode")
struct GenericSanitizerTests {
    let sanitizer = Sanitizer(strings: .enumTokens)

    @Test("removes reserved wire names at every depth, in any spelling and with any value")
    func reservedNames() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "distinct_id": 88_413_377, "distinctId": "u-1", "set": ["plan": "pro"], "rows": 2,
                "context": ["DISTINCT-ID": true, "uuid": "x", "step": "confirm"], "items": [["set_once": 1]],
            ], report: &report)
        #expect(result == ["rows": 2, "context": ["step": "confirm"], "items": [[:]]])
        #expect(report.counts == [.reservedName: 6])
    }

    @Test("sends enum tokens, replaces free text by its length and personal data by the placeholder")
    func strings() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "format": "csv", "endpoint": "/api/tickets/{id}", "note": "Maria called about her invoice",
                "owner_hint": "Garcia", "dob": "1985-03-14", "value": "1985-03-14", "path": "/home/mgarcia/x.txt",
                "secretish": "hunter2hunter", "target": "maria．garcia＠example．com", "glued": "cardno4111111111111111",
            ], report: &report)
        #expect(
            result == [
                "format": "csv", "endpoint": "/api/tickets/{id}", "note": 30, "owner_hint": 6, "value": 10, "path": 19,
                "secretish": 13, "target": "[redacted]", "glued": 22,
            ])
        #expect(report.counts == [.freeText: 6, .email: 1, .sensitiveKey: 1])
    }

    @Test("bounds numbers to measures at every depth")
    func numbers() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "count": 999_999, "value": 4_111_111_111_111_111, "delta": -4_155_550_100, "ratio": 0.4155550100,
                "ms": 1_523.7, "nested": ["total": 52_428_800, "list": [12, 536_227_391]], "big": 2.56e9,
            ], report: &report)
        #expect(
            result == [
                "count": 999_999, "value": 4_100_000_000_000_000, "delta": -4_100_000_000, "ratio": 0.416,
                "ms": 1_523.7, "nested": ["total": 52_000_000, "list": [12, 530_000_000]], "big": 2.5e9,
            ])
        #expect(report.counts == [.roundedNumber: 6])
    }

    @Test("drops keys that are data whatever their value, and maps keyed by people")
    func keysThatAreData() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "maria_garcia": true, "ticket_88413377_viewed": true, "user_9f86d081884c": 1, "rows": 1,
                "counts_by_assignee": ["okonkwo": 4], "by_status": ["open": 3], "email": true, "pin_to_top": true,
            ], report: &report)
        #expect(result == ["rows": 1, "by_status": ["open": 3], "email": true, "pin_to_top": true])
        #expect(report.counts == [.dataKey: 3, .sensitiveKey: 1])
    }

    @Test("a key naming a version or a product code lets its proven value pass; anything else does not")
    func hints() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "build": "10.0.19045.2965", "agent_version": "1.2.3.4", "isbn": "978-3-16-148410-0",
                "ean": 4_006_381_333_931,
                "version_note": "6201.4850.9361.2437", "release": "415.555.0100", "ean_code": 4_006_381_333_932,
            ], report: &report)
        #expect(
            result == [
                "build": "10.0.19045.2965", "agent_version": "1.2.3.4", "isbn": "978-3-16-148410-0",
                "ean": 4_006_381_333_931, "version_note": 19, "release": "[redacted]", "ean_code": 4_000_000_000_000,
            ])
        #expect(report.counts == [.freeText: 1, .phone: 1, .roundedNumber: 1])
    }

    /// Random strings of ASCII, digits of other scripts, Unicode spaces and dashes, letters and emoji.
    static let anyText = Generator<String, _> { rng in
        let alphabet = Array(
            "abcXYZ0123456789 _-.:/@=;+{}~\\\u{00A0}\u{2013}\u{2009}\u{200B}é日😀４٤ＡＢ")
        return String((0..<Int.random(in: 0...80, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    @Test("any generic string leaves as an enum token, its length, or the placeholder: never as other text")
    func stringsAreTokensOrLengths() async {
        await propertyCheck(count: 3_000, input: Self.anyText) { text in
            var report = SanitizerReport()
            let output = sanitizer.sanitize(value: .string(text), report: &report)
            switch output {
            case .int(let length): #expect(length == text.count)
            case .string(let sent):
                #expect(sent == text && EnumToken.matches(sent) || output == Redaction.placeholder, "\(text)")
            default: Issue.record("unexpected \(output) for \(text)")
            }
        }
    }
}
