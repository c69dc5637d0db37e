import Testing

@testable import UsageAnalytics

@Suite("Sanitizer")
struct SanitizerTests {
    let sanitizer = Sanitizer()

    @Test("keeps a typical harmless event untouched, with an empty report")
    func keepsHarmlessEvent() {
        let properties: [String: PropertyValue] = [
            "endpoint": "/api/tickets/{id}", "method": "GET", "status": 200, "duration_ms": 12.5, "has_auth": true,
            "feature_name": "export", "fields_updated": ["status", "priority"], "$groups": ["tenant": "t_9f86d081"],
            "timestamp": "2026-11-26T22:30:00Z", "uuid": "0190a3c2-7b1e-7abc-8def-0123456789ab", "note": nil,
        ]
        var report = SanitizerReport()
        #expect(sanitizer.sanitize(properties, report: &report) == properties)
        #expect(report.isEmpty)
        #expect(report.total == 0)
    }

    @Test("drops sensitive keys and counts each")
    func dropsSensitiveKeys() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            ["email": "a@b.co", "first_name": "Ada", "user_id": 42, "metric_name": "signups", "api_key": "x"],
            report: &report)
        #expect(result == ["metric_name": "signups"])
        #expect(report.counts == [.sensitiveKey: 4])
        #expect(report[.sensitiveKey] == 4)
        #expect(report[.email] == 0)
    }

    @Test("keeps measures of sensitive things only as numbers or bools")
    func measuresOfSensitiveThings() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "email_count": 3, "has_password": true, "is_phone_verified": false, "address_length": 42.0,
                "tokens_used": 1500, "email_domains": "example.com", "has_email": "yes", "email_count_list": [1, 2],
            ],
            report: &report)
        #expect(
            result == [
                "email_count": 3, "has_password": true, "is_phone_verified": false, "address_length": 42.0,
                "tokens_used": 1500,
            ])
        #expect(report.counts == [.sensitiveKey: 3])
    }

    @Test("redacts whole string values that contain personal data, counting the reason")
    func redactsValues() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "note": "write to ada@example.com", "search": "call 555-123-4567", "origin": "10.1.2.3",
                "ref": "4111 1111 1111 1111", "account": true, "payout": "DE89 3704 0044 0532 0130 00",
                "auth_header": "Bearer abc123def456ghi789", "config": "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                "session": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "status": "ok",
            ],
            report: &report)
        let redacted = Redaction.placeholder
        #expect(
            result == [
                "note": redacted, "search": redacted, "origin": redacted, "ref": redacted, "account": true,
                "payout": redacted, "auth_header": redacted, "config": redacted, "session": redacted, "status": "ok",
            ])
        #expect(
            report.counts == [
                .email: 1, .phone: 1, .ipAddress: 1, .paymentCard: 1, .iban: 1, .bearerToken: 1, .apiKey: 1, .jwt: 1,
            ])
    }

    @Test("inspects strings at every depth, in arrays and objects, and checks nested keys")
    func nestedStructures() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            [
                "tags": ["billing", "ada@example.com", 3, ["nested", "+44 20 7946 0958"]],
                "context": [
                    "screen": "settings", "owner_name": "Ada Lovelace",
                    "items": [["label": "ok", "password": "hunter2"], ["label": "10.0.0.1"]],
                ],
            ],
            report: &report)
        #expect(
            result == [
                "tags": ["billing", "[redacted]", 3, ["nested", "[redacted]"]],
                "context": ["screen": "settings", "items": [["label": "ok"], ["label": "[redacted]"]]],
            ])
        #expect(report.counts == [.email: 1, .phone: 1, .sensitiveKey: 2, .ipAddress: 1])
    }

    @Test("replaces text longer than the limit by its length in Characters, before inspecting it")
    func longText() {
        var report = SanitizerReport()
        let long = String(repeating: "é", count: 201)  // 402 UTF-8 bytes, 201 Characters
        let limit = String(repeating: "x", count: 200)
        let longWithEmail = "contact ada@example.com " + String(repeating: "lorem ", count: 90)
        let emoji = String(repeating: "👩‍👩‍👧", count: 150)  // 150 Characters, far more bytes
        let result = sanitizer.sanitize(
            ["a": .string(long), "b": .string(limit), "c": .string(longWithEmail), "d": .string(emoji)],
            report: &report)
        #expect(
            result == [
                "a": 201, "b": .string(limit), "c": .int(longWithEmail.count), "d": .string(emoji),
            ])
        #expect(report.counts == [.longText: 2])
    }

    @Test("honours a custom text limit")
    func customTextLimit() {
        var report = SanitizerReport()
        let sanitizer = Sanitizer(maximumTextLength: 5)
        #expect(sanitizer.sanitize(value: "hello", report: &report) == "hello")
        #expect(sanitizer.sanitize(value: "hello!", report: &report) == 6)
        #expect(report.counts == [.longText: 1])
    }

    @Test("removes values deeper than the limit, counting each removed value once")
    func depthBound() {
        // depth 1: "a" → depth 2: "b" → depth 3: "c" → depth 4: the array's elements.
        let properties: [String: PropertyValue] = [
            "a": ["b": ["c": [1, ["deep": "x"], "ada@example.com"]], "b2": "ok"], "top": 1,
        ]
        var report = SanitizerReport()
        let result = Sanitizer(maximumDepth: 3).sanitize(properties, report: &report)
        #expect(result == ["a": ["b": ["c": []], "b2": "ok"], "top": 1])
        #expect(report.counts == [.depth: 3])

        var unlimited = SanitizerReport()
        let kept = Sanitizer(maximumDepth: 4).sanitize(properties, report: &unlimited)
        #expect(kept == ["a": ["b": ["c": [1, [:], "[redacted]"]], "b2": "ok"], "top": 1])
        #expect(unlimited.counts == [.depth: 1, .email: 1])
    }

    @Test("the default depth of 8 keeps eight levels and handles very deep input without recursing into it")
    func defaultDepth() {
        func nest(_ levels: Int) -> PropertyValue {
            var value: PropertyValue = "leaf"
            for _ in 0..<levels { value = ["k": value] }
            return value
        }
        var report = SanitizerReport()
        // "p" is depth 1; seven nested objects put the leaf at depth 8.
        #expect(sanitizer.sanitize(["p": nest(7)], report: &report) == ["p": nest(7)])
        #expect(report.isEmpty)
        #expect(sanitizer.sanitize(["p": nest(8)], report: &report) == ["p": nest(7).replacingLeaf(with: [:])])
        #expect(report.counts == [.depth: 1])

        var deep: PropertyValue = "leaf"
        for _ in 0..<10_000 { deep = [deep] }
        var deepReport = SanitizerReport()
        let result = sanitizer.sanitize(value: deep, report: &deepReport)
        #expect(deepReport.counts == [.depth: 1])
        if case .array(let elements) = result { #expect(elements.count == 1) } else { Issue.record("not an array") }
    }

    @Test("sanitize(value:) inspects one value at depth 1 and leaves numbers, bools and null")
    func singleValue() {
        var report = SanitizerReport()
        #expect(sanitizer.sanitize(value: "ada@example.com", report: &report) == Redaction.placeholder)
        #expect(sanitizer.sanitize(value: "export", report: &report) == "export")
        #expect(sanitizer.sanitize(value: 5_551_234_567, report: &report) == 5_551_234_567)
        #expect(sanitizer.sanitize(value: true, report: &report) == true)
        #expect(sanitizer.sanitize(value: nil, report: &report) == nil)
        #expect(sanitizer.sanitize(value: ["email": "x", "ok": 1], report: &report) == ["ok": 1])
        #expect(report.counts == [.email: 1, .sensitiveKey: 1])
    }

    @Test("drops keys that are personal data themselves, such as a dictionary keyed by email")
    func dropsPersonalKeys() {
        var report = SanitizerReport()
        let result = sanitizer.sanitize(
            ["votes": ["ada@example.com": 1, "+44 20 7946 0958": 2, "export": 3], "10.0.0.1": true],
            report: &report)
        #expect(result == ["votes": ["export": 3]])
        #expect(report.counts == [.sensitiveKey: 3])
    }

    @Test("gives the same verdicts with a warm key cache, and the cache stays bounded")
    func keyCache() {
        let cache = KeyVerdictCache(capacity: 2)
        for _ in 0..<3 {
            #expect(cache.assessment(for: "email").verdict == .sensitive)
            #expect(cache.assessment(for: "email_count").verdict == .measureOnly)
            #expect(cache.assessment(for: "metric_name") == .init(verdict: .harmless, hint: .none))
            #expect(cache.assessment(for: "ada@example.com").isData)
            #expect(cache.assessment(for: "build_version").hint == .version)
            #expect(cache.assessment(for: String(repeating: "feature_", count: 20)).verdict == .harmless)
        }
        // Beyond its capacity the cache keeps answering correctly without learning.
        for index in 0..<100 {
            #expect(cache.assessment(for: "user_\(index)_email").verdict == .sensitive)
        }
        var report = SanitizerReport()
        let sanitizer = Sanitizer()
        for _ in 0..<3 {
            #expect(sanitizer.sanitize(["email": "x", "step_name": "a"], report: &report) == ["step_name": "a"])
        }
        #expect(report.counts == [.sensitiveKey: 3])
    }

    @Test("a report accumulates over calls and merges")
    func reportAccumulates() {
        var first = SanitizerReport()
        _ = sanitizer.sanitize(["email": "x"], report: &first)
        _ = sanitizer.sanitize(["note": "ada@example.com"], report: &first)
        var second = SanitizerReport()
        second.record(.depth, count: 2)
        second.record(.email)
        second.record(.jwt, count: 0)
        first.merge(second)
        #expect(first.counts == [.sensitiveKey: 1, .email: 2, .depth: 2])
        #expect(first.total == 5)
        #expect(!first.isEmpty)
    }

    @Test("reasons have stable snake_case metric values")
    func reasonRawValues() {
        #expect(
            Redaction.Reason.allCases.map(\.rawValue) == [
                "sensitive_key", "email", "phone", "ip_address", "payment_card", "iban", "national_id", "mac_address",
                "coordinates", "jwt", "bearer_token", "api_key", "secret", "long_text", "depth", "free_text",
                "rounded_number", "reserved_name", "data_key",
            ])
        #expect(Redaction.placeholder == .string("[redacted]"))
    }

    @Test("clamps nonsensical limits instead of trapping")
    func clampsLimits() {
        #expect(Sanitizer(maximumDepth: 1_000_000).maximumDepth == 64)
        let sanitizer = Sanitizer(maximumDepth: -3, maximumTextLength: -1)
        #expect(sanitizer.maximumDepth == 1)
        #expect(sanitizer.maximumTextLength == 0)
        var report = SanitizerReport()
        #expect(sanitizer.sanitize(["a": "", "b": "x", "c": [1]], report: &report) == ["a": "", "b": 1, "c": []])
        #expect(report.counts == [.longText: 1, .depth: 1])
    }
}

extension PropertyValue {
    /// This chain of single-key objects with its innermost value replaced.
    fileprivate func replacingLeaf(with leaf: PropertyValue) -> PropertyValue {
        guard case .object(let members) = self, let (key, value) = members.first else { return leaf }
        return [key: value.replacingLeaf(with: leaf)]
    }
}
