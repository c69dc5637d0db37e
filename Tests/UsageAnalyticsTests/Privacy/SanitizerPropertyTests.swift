import PropertyBased
import Testing

@testable import UsageAnalytics

@Suite("Sanitizer properties")
struct SanitizerPropertyTests {
    typealias Fixtures = PrivacyFixtures

    /// Personal data of every kind, hidden in random harmless text inside random harmless structures.
    static let hiddenSecrets = Generator<
        (kind: Fixtures.SecretKind, secret: String, properties: [String: PropertyValue]), _
    > {
        rng in
        let kind = Fixtures.SecretKind.allCases.randomElement(using: &rng)!
        let secret = Fixtures.secret(kind, &rng)
        let text = Fixtures.text(embedding: secret, &rng)
        return (kind, secret, Fixtures.properties(hiding: text, &rng))
    }

    static let harmlessProperties = Generator<[String: PropertyValue], _> { rng in
        Fixtures.harmlessProperties(&rng)
    }

    static let harmlessValues = Generator<PropertyValue, _> { rng in
        Fixtures.structure(depth: 6, &rng, leaf: Fixtures.harmlessLeaf)
    }

    @Test("personal data never survives anywhere in the output")
    func personalDataNeverSurvives() async {
        await propertyCheck(count: 3_000, input: Self.hiddenSecrets) { kind, secret, properties in
            var report = SanitizerReport()
            let output = Sanitizer().sanitize(properties, report: &report)
            let serialized = Fixtures.serialized(output)
            #expect(!serialized.contains(secret), "\(kind) survived: \(secret)")
            #expect(!report.isEmpty)
        }
    }

    @Test("each kind of personal data is found on its own, at random positions in random text")
    func eachKindIsFound() async {
        for kind in Fixtures.SecretKind.allCases {
            let texts = Generator<(String, String), _> { rng in
                let secret = Fixtures.secret(kind, &rng)
                return (secret, Fixtures.text(embedding: secret, &rng))
            }
            await propertyCheck(count: 300, input: texts) { secret, text in
                var report = SanitizerReport()
                let output = Sanitizer(maximumTextLength: 10_000).sanitize(value: .string(text), report: &report)
                #expect(output == Redaction.placeholder, "\(kind) not found: \(secret) in \(text)")
                #expect(report.total == 1)
            }
        }
    }

    @Test("harmless properties come out exactly as they went in, with nothing reported")
    func harmlessPropertiesAreUntouched() async {
        await propertyCheck(count: 3_000, input: Self.harmlessProperties) { properties in
            var report = SanitizerReport()
            let output = Sanitizer().sanitize(properties, report: &report)
            #expect(output == properties)
            #expect(report.isEmpty, "\(report.counts) for \(Fixtures.serialized(properties))")
        }
    }

    @Test("harmless values come out exactly as they went in")
    func harmlessValuesAreUntouched() async {
        await propertyCheck(count: 2_000, input: Self.harmlessValues) { value in
            var report = SanitizerReport()
            #expect(Sanitizer().sanitize(value: value, report: &report) == value)
            #expect(report.isEmpty)
        }
    }

    @Test("sanitizing is idempotent and every removal is counted")
    func idempotentAndCounted() async {
        await propertyCheck(count: 1_000, input: Self.hiddenSecrets) { _, _, properties in
            let sanitizer = Sanitizer(maximumDepth: 3)
            var first = SanitizerReport()
            let once = sanitizer.sanitize(properties, report: &first)
            var second = SanitizerReport()
            #expect(sanitizer.sanitize(once, report: &second) == once)
            #expect(second.isEmpty)
            #expect(first.total >= 1)
        }
    }
}
