import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UsageAnalytics

@testable import UsageCollector

/// Refused flag forms: each of the definition's rules, checked by the same validation as the admin API, comes back
/// as a 400 with the message next to the field and the input kept; hostile input is escaped; nothing is stored.
@Suite("Flag form validation", .timeLimit(.minutes(2)))
struct FlagFormValidationTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        let label: String
        /// Fields replacing those of the valid multivariate flag (an empty value drops the field).
        let fields: [(String, String)]
        /// The element whose error it is, and the message.
        let input: String
        let message: String

        var testDescription: String { self.label }
    }

    static let refusals = [
        Refusal(
            label: "a key with a space", fields: [("key", "bad key")], input: "key",
            message: "use 1 to 400 letters, digits, &#39;-&#39; or &#39;_&#39;"),
        Refusal(label: "no key", fields: [("key", "")], input: "key", message: "is required"),
        Refusal(
            label: "a name over 1000 bytes", fields: [("name", String(repeating: "n", count: 1_001))], input: "name",
            message: "longer than 1000 bytes"),
        Refusal(
            label: "shares summing to 90", fields: [("variant-1-rollout", "40")], input: "variants",
            message: "variant rollout percentages sum to 90, not 100"),
        Refusal(
            label: "repeated variant keys", fields: [("variant-1-key", "control")], input: "variants",
            message: "variant keys repeat"),
        Refusal(
            label: "a bad variant key", fields: [("variant-1-key", "te st")], input: "variant-1-key",
            message: "use 1 to 400 letters"),
        Refusal(
            label: "a share that is no number", fields: [("variant-0-rollout", "half")], input: "variant-0-rollout",
            message: "must be a number from 0 to 100"),
        Refusal(
            label: "multivariate without variants",
            fields: [
                ("variant-0-key", ""), ("variant-0-rollout", ""), ("variant-1-key", ""), ("variant-1-rollout", ""),
                ("variant-1-payload", ""),
            ],
            input: "variants", message: "a multivariate flag needs at least one variant"),
        Refusal(
            label: "a condition share of 150", fields: [("condition-0-rollout", "150")], input: "condition-0-rollout",
            message: "must be a number from 0 to 100"),
        Refusal(
            label: "an unknown operator", fields: [("condition-0-operator-0", "bogus")],
            input: "condition-0-operator-0", message: "unknown operator &#39;bogus&#39;"),
        Refusal(
            label: "a broken regular expression",
            fields: [("condition-0-operator-0", "regex"), ("condition-0-value-0", "([")],
            input: "condition-0-value-0", message: "not a valid regular expression"),
        Refusal(
            label: "a filter without property", fields: [("condition-0-property-0", "")],
            input: "condition-0-property-0", message: "is required"),
        Refusal(
            label: "a forced variant that is none", fields: [("condition-0-variant", "nope")],
            input: "condition-0-variant", message: "names no variant of the flag"),
        Refusal(
            label: "a payload that is not JSON", fields: [("variant-1-payload", "{limit: 20")],
            input: "variant-1-payload", message: "is not valid JSON (for text, put it in quotes)"),
        Refusal(
            label: "a payload over 64 KiB",
            fields: [("variant-1-payload", "\"" + String(repeating: "x", count: 70_000) + "\"")], input: "variants",
            message: "larger than 64 KiB"),
        Refusal(
            label: "101 variant rows", fields: (0...100).map { ("variant-\($0)-key", "v\($0)") }, input: "variants",
            message: "more than 100 rows"),
    ]

    @Test("each broken rule: 400, the message next to its field, the input kept, nothing stored", arguments: refusals)
    func refused(_ refusal: Refusal) async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            var fields = FlagPagesHTTP.multivariate("ordering")
            for (name, value) in refusal.fields {
                fields.removeAll { $0.0 == name }
                if !value.isEmpty { fields.append((name, value)) }
            }
            let response = try await http.post(FlagPagesHTTP.flags, fields)
            #expect(response.status == .badRequest)
            #expect(response.text.contains(#"<p class="error" role="alert" id="problem">Not saved: "#))
            let errors = FlagPagesHTTP.errors(response.text)
            #expect(errors.count == 1 && errors[0].contains(refusal.message), "\(errors)")
            #expect(Self.errorIsNext(to: refusal.input, in: response.text), "\(refusal.input)")
            for kept in ["condition-0-property-0", "variant-0-key", "variant-1-rollout"] {
                #expect(
                    FlagPagesHTTP.value(of: kept, in: response.text) == (fields.first { $0.0 == kept }?.1 ?? ""),
                    "\(kept)")
            }
            #expect(try await http.storedCount() == 0)
        }
    }

    /// Whether the first field error follows the element `id` before any other input.
    static func errorIsNext(to id: String, in html: String) -> Bool {
        guard let element = html.range(of: #"id="\#(id)""#),
            let error = html.range(of: #"class="field-error""#, range: element.upperBound..<html.endIndex)
        else { return false }
        let between = html[element.upperBound..<error.lowerBound]
        return between.components(separatedBy: "<input").count <= 2 && !between.contains("<fieldset")
    }

    @Test("a key already used by another flag, archived or not, is refused next to the key")
    func keyTaken() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let path = try await http.create(FlagPagesHTTP.multivariate("ordering"))
            _ = try await http.post(path + "/archive", [])
            let again = try await http.post(FlagPagesHTTP.flags, FlagPagesHTTP.multivariate("ordering"))
            #expect(again.status == .badRequest)
            #expect(
                FlagPagesHTTP.errors(again.text) == [
                    "another flag of this project (perhaps archived) already has the key ordering"
                ])
            #expect(try await http.storedCount() == 1)
        }
    }

    @Test("script in a name is stored as text and shown escaped everywhere; in a key it is refused, escaped")
    func hostileText() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let script = #"<script>alert("x")</script><img src=x onerror=alert(1)>"#
            let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
            var fields = FlagPagesHTTP.multivariate("ordering")
            fields.removeAll { $0.0 == "name" || $0.0 == "condition-0-value-0" }
            fields += [("name", script), ("condition-0-value-0", script)]
            let path = try await http.create(fields)
            #expect(try await http.stored(1)[member: "name"] == .string(script))
            for page in [
                try await http.get(path), try await http.get(FlagPagesHTTP.flags), try await http.get(path + "/edit"),
            ] {
                #expect(!page.text.contains("<script>alert"))
                #expect(!page.text.contains("<img src=x"))
                #expect(page.text.contains(escaped))
            }
            let refused = try await http.post(FlagPagesHTTP.flags, [("key", script), ("type", "boolean")])
            #expect(refused.status == .badRequest)
            #expect(!refused.text.contains("<script>alert"))
            #expect(FlagPagesHTTP.value(of: "key", in: refused.text) == escaped)
            #expect(try await http.storedCount() == 1)
        }
    }

    @Test("a form over 256 KiB, a body that is no form, and an unreadable form are refused; nothing stored")
    func malformedBodies() async throws {
        try await FlagPagesHTTP.withSignedIn { http in
            let huge = try await http.post(
                FlagPagesHTTP.flags, [("key", "big"), ("name", String(repeating: "x", count: 300 * 1_024))])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.text.contains("The form was larger than 256 KiB."))
            let json = try await http.client.execute(
                uri: FlagPagesHTTP.flags, method: .post,
                headers: [.cookie: http.cookie, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"key": "json"}"#))
            #expect(json.status == .unsupportedMediaType)
            let garbled = try await http.client.execute(
                uri: FlagPagesHTTP.flags, method: .post,
                headers: [.cookie: http.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(http.csrf)&key=%ZZ&key[x]=1"))
            #expect(garbled.status == .badRequest)
            #expect(try await http.storedCount() == 0)
        }
    }
}
