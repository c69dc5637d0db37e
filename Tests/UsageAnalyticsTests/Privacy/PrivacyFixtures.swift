import PropertyBased

@testable import UsageAnalytics

/// Random personal data, harmless data, and nested structures for the property tests.
enum PrivacyFixtures {
    typealias RNG = any SeededRandomNumberGenerator

    enum SecretKind: CaseIterable, Sendable {
        case email, phone, ipv4, ipv6, paymentCard, iban, jwt, apiKey, bearerToken
    }

    // MARK: Personal data

    static func secret(_ kind: SecretKind, _ rng: inout RNG) -> String {
        switch kind {
        case .email: email(&rng)
        case .phone: phone(&rng)
        case .ipv4: (0..<4).map { _ in String(Int.random(in: 0...255, using: &rng)) }.joined(separator: ".")
        case .ipv6: ipv6(&rng)
        case .paymentCard: paymentCard(&rng)
        case .iban: iban(&rng)
        case .jwt: jwt(&rng)
        case .apiKey: apiKey(&rng)
        case .bearerToken:
            Bool.random(using: &rng)
                ? "Bearer " + randomToken(15...40, &rng)
                : "Basic " + String(Int.random(in: 0...9, using: &rng))
                    + string(from: lowercase + uppercase + digits + "+/", 3...3, &rng)
                    + string(from: lowercase + uppercase + digits + "+/", 6...6, &rng) + "=="
        }
    }

    static func email(_ rng: inout RNG) -> String {
        let local =
            string(from: lowercase + digits, 1...3, &rng) + string(from: lowercase + digits + "._+-", 0...8, &rng)
        let labels = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            string(from: lowercase + digits, 1...8, &rng)
        }
        let tld = string(from: lowercase, 2...6, &rng)
        let address = local + "@" + (labels + [tld]).joined(separator: ".")
        return Bool.random(using: &rng) ? address : address.uppercased()
    }

    static func phone(_ rng: inout RNG) -> String {
        func digits(_ count: Int, first: ClosedRange<Int> = 0...9) -> String {
            String(Int.random(in: first, using: &rng)) + string(from: Self.digits, (count - 1)...(count - 1), &rng)
        }
        let separator = [" ", "-", "."].randomElement(using: &rng)!
        switch Int.random(in: 0...6, using: &rng) {
        case 0:
            let country = digits(Int.random(in: 1...3, using: &rng), first: 1...9)
            let rest = digits(Int.random(in: max(1, 8 - country.count)...(15 - country.count), using: &rng))
            return "+" + country + (Bool.random(using: &rng) ? " " : "") + rest
        case 1: return "+1 (\(digits(3, first: 2...9))) \(digits(3))-\(digits(4))"
        case 2: return [digits(3, first: 2...9), digits(3), digits(4)].joined(separator: separator)
        case 3: return "(\(digits(3, first: 2...9))) \(digits(3))\(separator)\(digits(4))"
        case 4: return "0" + digits(Int.random(in: 1...3, using: &rng)) + " " + digits(4) + " " + digits(4)
        case 5: return ["0" + digits(1), digits(2), digits(2), digits(2), digits(2)].joined(separator: separator)
        default: return digits(Int.random(in: 10...12, using: &rng), first: 3...9)
        }
    }

    static func ipv6(_ rng: inout RNG) -> String {
        var groups = (0..<8).map { _ in string(from: hexDigits, 1...4, &rng) }
        groups[7] = String(Int.random(in: 1...9999, using: &rng))  // a decimal digit, as in fe80::1
        guard Bool.random(using: &rng) else { return groups.joined(separator: ":") }
        let start = Int.random(in: 0...6, using: &rng)
        let end = Int.random(in: start + 1...7, using: &rng)
        return groups[..<start].joined(separator: ":") + "::" + groups[end...].joined(separator: ":")
    }

    static func paymentCard(_ rng: inout RNG) -> String {
        let (prefix, length) = [
            ("4", 16), ("4", 13), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
            ("6011", 16), ("65", 16), ("35", 16), ("62", 16),
        ].randomElement(using: &rng)!
        var number = prefix + string(from: digits, (length - prefix.count - 1)...(length - prefix.count - 1), &rng)
        for check in 0...9 where Luhn.isValid(number + String(check)) {
            number += String(check)
            break
        }
        let separator = Bool.random(using: &rng) ? " " : "-"
        switch (length, Int.random(in: 0...2, using: &rng)) {
        case (13, _), (_, 0): return number
        case (15, _):  // Amex is written 4-6-5.
            let digits = Array(number)
            return [String(digits[0..<4]), String(digits[4..<10]), String(digits[10...])].joined(separator: separator)
        default: return grouped(number, size: 4, separator: separator)
        }
    }

    static func iban(_ rng: inout RNG) -> String {
        let (country, bban) = [
            ("DE", string(from: digits, 18...18, &rng)),
            ("GB", string(from: uppercase, 4...4, &rng) + string(from: digits, 14...14, &rng)),
            ("NL", string(from: uppercase, 4...4, &rng) + string(from: digits, 10...10, &rng)),
            ("FR", string(from: digits, 23...23, &rng)), ("CH", string(from: digits, 17...17, &rng)),
            ("ES", string(from: digits, 20...20, &rng)), ("BE", string(from: digits, 12...12, &rng)),
            ("NO", string(from: digits, 11...11, &rng)), ("PL", string(from: digits, 24...24, &rng)),
            ("IT", string(from: uppercase, 1...1, &rng) + string(from: digits, 22...22, &rng)),
        ].randomElement(using: &rng)!
        var remainder = 0
        for character in (bban + country + "00").utf8 {
            if character >= UInt8(ascii: "A") {
                remainder = (remainder * 100 + Int(character - UInt8(ascii: "A")) + 10) % 97
            } else {
                remainder = (remainder * 10 + Int(character - UInt8(ascii: "0"))) % 97
            }
        }
        let check = 98 - remainder
        let iban = country + (check < 10 ? "0" : "") + String(check) + bban
        return Bool.random(using: &rng) ? iban : grouped(iban, size: 4, separator: " ")
    }

    static func jwt(_ rng: inout RNG) -> String {
        "eyJ" + string(from: base64URL, 10...40, &rng) + "." + string(from: base64URL, 2...80, &rng) + "."
            + string(from: base64URL, 0...60, &rng)
    }

    static func apiKey(_ rng: inout RNG) -> String {
        let shape = APIKeyPattern.shapes.randomElement(using: &rng)!
        let alphabet: String =
            switch shape.alphabet {
            case .alphanumeric: lowercase + uppercase + digits
            case .base64URL: base64URL
            case .dotted: base64URL + "."
            case .upperAlphanumeric: uppercase + digits
            case .hex: hexDigits
            }
        let extra = shape.exactLength ? 0 : Int.random(in: 0...12, using: &rng)
        let body =
            String(Int.random(in: 0...9, using: &rng))
            + string(from: alphabet, (shape.minimumLength + extra - 1)...(shape.minimumLength + extra - 1), &rng)
        return String(describing: shape.prefix) + String(body.shuffled(using: &rng))
    }

    // MARK: Harmless data

    /// Words of harmless keys; the property tests join them in snake, kebab and camel case.
    static let harmlessKeyWords = [
        "feature", "step", "metric", "operation", "event", "status", "duration", "ms", "count", "is", "has", "enabled",
        "result", "retry", "endpoint", "method", "screen", "plan", "tier", "variant", "theme", "priority", "category",
        "queue", "job", "total", "version", "app", "environment", "region", "source", "target", "mode", "locale",
        "capacity", "velocity", "statement", "description", "tokenizer", "error", "type", "hours", "days", "filters",
        "used", "search", "fields", "updated", "ticket", "page", "button", "name",
    ]

    static let harmlessTextWords = [
        "the", "export", "finished", "retry", "ok", "failed", "ticket", "queue", "sync", "report", "billing", "page",
        "loaded", "button", "clicked", "settings", "dark", "mode", "beta", "feature", "flag", "enabled", "step", "of",
        "GET", "POST", "/api/tickets/{id}", "web_app", "v2", "TIC-001234", "on-premise", "C++", "résumé", "日本語",
        "😀", "a.b", "x:y", "foo@", "@bar", "e.g.", "(note)", "ids", "#42", "-", "—", "done.", "basic", "bearer",
    ]

    /// A harmless key: a random keep-list key, or harmless words joined in a random case style.
    static func harmlessKey(_ rng: inout RNG) -> String {
        let count = Int.random(in: 1...3, using: &rng)
        var words = (0..<count).map { _ in harmlessKeyWords.randomElement(using: &rng)! }
        // `name` is only harmless after a technical word.
        words = words.map { $0 == "name" ? "feature_name" : $0 }
        switch Int.random(in: 0...3, using: &rng) {
        case 0: return words.joined(separator: "-")
        case 1: return words[0] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        case 2: return "$" + words.joined(separator: "_")
        default: return words.joined(separator: "_")
        }
    }

    /// A harmless string: tokens analytics really sends, and short sentences; numbers in sentences
    /// are always followed by a unit, as people write them.
    static func harmlessText(_ rng: inout RNG) -> String {
        switch Int.random(in: 0...11, using: &rng) {
        case 0: return uuid(&rng)
        case 1:
            let (year, month, day) = (
                Int.random(in: 1990...2099, using: &rng), Int.random(in: 1...12, using: &rng),
                Int.random(in: 1...28, using: &rng)
            )
            let (hour, minute, second) = (
                Int.random(in: 0...23, using: &rng), Int.random(in: 0...59, using: &rng),
                Int.random(in: 0...59, using: &rng)
            )
            return "\(year)-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))Z"
        case 2:
            return (0..<3).map { _ in String(Int.random(in: 0...999, using: &rng)) }.joined(separator: ".")
        case 3: return String(Int.random(in: 0...100_000, using: &rng))
        case 4: return "TIC-" + string(from: digits, 6...6, &rng)
        case 5: return String(Int.random(in: 0...100, using: &rng)) + "%"
        case 6: return String(Int.random(in: 1_000_000_000...1_999_999_999, using: &rng))
        case 7: return String(Int.random(in: 1_000_000_000_000...1_999_999_999_999, using: &rng))
        case 8: return ["u_", "i_", "t_", ""].randomElement(using: &rng)! + string(from: hexDigits, 32...32, &rng)
        case 9: return "\(pad(Int.random(in: 0...23, using: &rng))):\(pad(Int.random(in: 0...59, using: &rng))):00"
        default: return sentence(&rng)
        }
    }

    static func sentence(_ rng: inout RNG) -> String {
        (0..<Int.random(in: 0...8, using: &rng)).map { _ in
            Int.random(in: 0...4, using: &rng) == 0
                ? "\(Int.random(in: 0...99_999, using: &rng)) \(["ms", "items", "errors", "tickets"].randomElement(using: &rng)!)"
                : harmlessTextWords.randomElement(using: &rng)!
        }.joined(separator: " ")
    }

    static func harmlessLeaf(_ rng: inout RNG) -> PropertyValue {
        switch Int.random(in: 0...5, using: &rng) {
        case 0: .int(Int.random(in: Int.min...Int.max, using: &rng))
        case 1: .double(Double.random(in: -1e9...1e9, using: &rng))
        case 2: .bool(Bool.random(using: &rng))
        case 3: .null
        default: .string(harmlessText(&rng))
        }
    }

    // MARK: Structures

    /// A random structure of harmless keys and values, at most `depth` levels deep (counting the
    /// top-level property value as level 1), with `leaf` called for every leaf.
    static func structure(
        depth: Int, _ rng: inout RNG, leaf: (inout RNG) -> PropertyValue
    ) -> PropertyValue {
        guard depth > 1, Int.random(in: 0...2, using: &rng) > 0 else { return leaf(&rng) }
        let count = Int.random(in: 0...4, using: &rng)
        if Bool.random(using: &rng) {
            return .array((0..<count).map { _ in structure(depth: depth - 1, &rng, leaf: leaf) })
        }
        var members: [String: PropertyValue] = [:]
        for _ in 0..<count { members[harmlessKey(&rng)] = structure(depth: depth - 1, &rng, leaf: leaf) }
        return .object(members)
    }

    static func harmlessProperties(_ rng: inout RNG) -> [String: PropertyValue] {
        var properties: [String: PropertyValue] = [:]
        for _ in 0..<Int.random(in: 0...10, using: &rng) {
            properties[harmlessKey(&rng)] = structure(depth: 5, &rng, leaf: harmlessLeaf)
        }
        return properties
    }

    /// Harmless properties with `secretText` placed as one string somewhere inside, at a random depth.
    static func properties(hiding secretText: String, _ rng: inout RNG) -> [String: PropertyValue] {
        var properties = harmlessProperties(&rng)
        var hidden: PropertyValue = .string(secretText)
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            if Bool.random(using: &rng) {
                var elements = (0..<Int.random(in: 0...3, using: &rng)).map { _ in harmlessLeaf(&rng) }
                elements.insert(hidden, at: Int.random(in: 0...elements.count, using: &rng))
                hidden = .array(elements)
            } else {
                var members: [String: PropertyValue] = [harmlessKey(&rng) + "_other": harmlessLeaf(&rng)]
                // A neutral key: a key naming a version or a product code may carry a dotted quad or a long number.
                members[harmlessKey(&rng) + "_hidden"] = hidden
                hidden = .object(members)
            }
        }
        properties[harmlessKey(&rng) + "_hidden"] = hidden
        return properties
    }

    /// Random harmless words around `secret`, separated by spaces or wrapped in punctuation.
    static func text(embedding secret: String, _ rng: inout RNG) -> String {
        let (open, close) = [("", ""), ("(", ")"), ("\"", "\""), ("<", ">"), ("[", "]"), ("", ","), ("", ".")]
            .randomElement(using: &rng)!
        let before = (0..<Int.random(in: 0...6, using: &rng)).map { _ in harmlessTextWords.randomElement(using: &rng)! }
        let after = (0..<Int.random(in: 0...6, using: &rng)).map { _ in harmlessTextWords.randomElement(using: &rng)! }
        return (before + [open + secret + close] + after).joined(separator: " ")
    }

    // MARK: Serialisation

    /// Deterministic JSON-like text of `value` (keys sorted), for searching the output.
    static func serialized(_ value: PropertyValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): "\"" + text + "\""
        case .array(let elements): "[" + elements.map(serialized).joined(separator: ",") + "]"
        case .object(let members):
            "{"
                + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":" + serialized($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    static func serialized(_ properties: [String: PropertyValue]) -> String { serialized(.object(properties)) }

    // MARK: Helpers

    static let lowercase = "abcdefghijklmnopqrstuvwxyz"
    static let uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let digits = "0123456789"
    static let hexDigits = "0123456789abcdef"
    static let base64URL = lowercase + uppercase + digits + "-_"

    static func string(from alphabet: String, _ length: ClosedRange<Int>, _ rng: inout RNG) -> String {
        let characters = Array(alphabet)
        return String((0..<Int.random(in: length, using: &rng)).map { _ in characters.randomElement(using: &rng)! })
    }

    static func randomToken(_ length: ClosedRange<Int>, _ rng: inout RNG) -> String {
        String(Int.random(in: 0...9, using: &rng)) + string(from: base64URL, length, &rng)
    }

    static func uuid(_ rng: inout RNG) -> String {
        [8, 4, 4, 4, 12].map { string(from: hexDigits, $0...$0, &rng) }.joined(separator: "-")
    }

    static func grouped(_ text: String, size: Int, separator: String) -> String {
        let characters = Array(text)
        return stride(from: 0, to: characters.count, by: size).map {
            String(characters[$0..<min($0 + size, characters.count)])
        }.joined(separator: separator)
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
}
