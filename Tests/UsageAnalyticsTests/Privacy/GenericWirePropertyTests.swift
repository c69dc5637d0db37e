import Foundation
import PropertyBased
import Testing
import UsageAnalytics
import UsageAnalyticsTesting

@testable import UsageAnalytics

/// Property-based tests on the exact wire payload of generic events, in both deployment modes:
/// personal data generated in many shapes never reaches the wire, and harmless shapes survive.
@Suite("Generic events on the wire", .timeLimit(.minutes(5)))
struct GenericWirePropertyTests {
    typealias Fixtures = PrivacyFixtures
    typealias RNG = PrivacyFixtures.RNG

    enum Shape: CaseIterable {
        case email, phone, paymentCard, iban, socialSecurity, nationalInsurance, macAddress, coordinates
        case personName, homePath, birthDate, credential, numericIdentifier, reservedName, nameKey, identifierKey
    }

    struct Case: Sendable, CustomStringConvertible {
        let shape: String
        let event: String
        let properties: [String: PropertyValue]
        let needle: String
        var description: String { "\(shape): \(Fixtures.serialized(properties))" }
    }

    // MARK: Generators

    static let separators = [" ", "-", ".", "", "\u{00A0}", "\u{2013}", "\u{2009}", "\u{202F}"]

    static func separator(_ rng: inout RNG) -> String { separators.randomElement(using: &rng)! }

    static func digits(_ count: Int, _ rng: inout RNG, first: ClosedRange<Int> = 0...9) -> String {
        String(Int.random(in: first, using: &rng))
            + Fixtures.string(from: Fixtures.digits, (count - 1)...(count - 1), &rng)
    }

    /// Full-width letters and digits, as some keyboards and copy-pastes produce.
    static func fullWidth(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
                }))
    }

    /// Random casing and, sometimes, full-width forms.
    static func disguised(_ text: String, _ rng: inout RNG) -> String {
        let cased = [text, text.uppercased(), text.lowercased()].randomElement(using: &rng)!
        return Int.random(in: 0...3, using: &rng) == 0 ? fullWidth(cased) : cased
    }

    static func personalText(_ shape: Shape, _ rng: inout RNG) -> (text: String, needle: String) {
        switch shape {
        case .email:
            let local = Fixtures.string(from: Fixtures.lowercase, 5...9, &rng) + "." + digits(3, &rng)
            return (local + "@" + Fixtures.string(from: Fixtures.lowercase, 3...8, &rng) + ".com", local)
        case .phone:
            let number = digits(3, &rng, first: 2...9) + digits(3, &rng) + digits(4, &rng)
            let parts = [String(number.prefix(3)), String(number.dropFirst(3).prefix(3)), String(number.suffix(4))]
            let joined = parts.joined(separator: separator(&rng))
            return (Bool.random(using: &rng) ? "+1 " + joined : joined, number)
        case .paymentCard:
            let card = Fixtures.paymentCard(&rng).filter(\.isNumber)
            return (Fixtures.grouped(card, size: 4, separator: separator(&rng)), card)
        case .iban:
            let iban = Fixtures.iban(&rng)
            return (iban, iban)
        case .socialSecurity:
            let number = [digits(3, &rng, first: 1...6), digits(2, &rng, first: 1...9), digits(4, &rng, first: 1...9)]
            let joiner = ["-", " "].randomElement(using: &rng)!
            return (number.joined(separator: joiner), number.joined())
        case .nationalInsurance:
            let number =
                Fixtures.string(from: "ABCEGHJKLMNPRSTWXYZ", 2...2, &rng) + digits(6, &rng)
                + "ABCD".randomElement(using: &rng)!.description
            return (Bool.random(using: &rng) ? number : Fixtures.grouped(number, size: 2, separator: " "), number)
        case .macAddress:
            let pairs = (0..<6).map { _ in Fixtures.string(from: Fixtures.hexDigits, 2...2, &rng) }
            return (pairs.joined(separator: [":", "-"].randomElement(using: &rng)!), pairs.joined())
        case .coordinates:
            let latitude = "\(Int.random(in: 10...89, using: &rng)).\(digits(6, &rng))"
            let longitude =
                "\(Bool.random(using: &rng) ? "-" : "")\(Int.random(in: 10...179, using: &rng)).\(digits(6, &rng))"
            return (latitude + [", ", ","].randomElement(using: &rng)! + longitude, latitude)
        case .personName:
            let names = Array(PersonNames.all.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }).sorted()
            let name =
                names.randomElement(using: &rng)!.capitalized + " "
                + Fixtures.string(from: Fixtures.lowercase, 6...9, &rng)
            return (name, name)
        case .homePath:
            let user = Fixtures.string(from: Fixtures.lowercase, 6...9, &rng)
            let path = [
                "/home/\(user)/reports/q3.xlsx", "C:\\Users\\\(user)\\Desktop", "/Users/\(user)/Library/x.db",
                "~\(user)/notes",
            ]
            return (path.randomElement(using: &rng)!, user)
        case .birthDate:
            let year = String(Int.random(in: 1930...2010, using: &rng))
            let month = "0" + String(Int.random(in: 1...9, using: &rng))
            let day = String(Int.random(in: 10...28, using: &rng))
            let text = ["\(year)-\(month)-\(day)", "\(day).\(month).\(year)", "\(day)/\(month)/\(year)"]
                .randomElement(using: &rng)!
            return (text, text)
        case .credential:
            let secret =
                Fixtures.string(from: Fixtures.lowercase, 5...8, &rng) + digits(2, &rng)
                + Fixtures.string(from: Fixtures.uppercase, 3...6, &rng)
            let forms = [
                "password=\(secret)", "pwd: \(secret)", "postgres://app:\(secret)@db.internal:5432/psa",
                "Server=db;User Id=sa;Password=\(secret);", "--password \(secret)", "?token=\(secret)&x=1",
            ]
            return (forms.randomElement(using: &rng)!, secret)
        case .numericIdentifier, .reservedName, .nameKey, .identifierKey:
            preconditionFailure("not a text shape")
        }
    }

    static let personalCases = Generator<Case, _> { rng in
        let shape = Shape.allCases.randomElement(using: &rng)!
        let label = "\(shape)"
        switch shape {
        case .numericIdentifier:
            let number =
                Int.random(in: 1_000_000...999_999_999_999_999, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            let key = ["value", "count", "item_count", "duration_ms", "total", "size_bytes"].randomElement(using: &rng)!
            let value: PropertyValue = Bool.random(using: &rng) ? .int(number) : .double(Double(number))
            let hidden = nested(value, under: key, &rng)
            return Case(shape: label, event: "corpus_event", properties: hidden, needle: String(number.magnitude))
        case .reservedName:
            let names = [
                "distinct_id", "DISTINCT_ID", "distinctId", "distinct-id", "uuid", "set", "set_once", "token", "alias",
                "event", "timestamp",
            ]
            let value = "usr-" + digits(6, &rng) + "-" + Fixtures.string(from: Fixtures.lowercase, 4...6, &rng)
            let properties = nested(.string(value), under: names.randomElement(using: &rng)!, &rng)
            return Case(shape: label, event: "corpus_event", properties: properties, needle: value)
        case .nameKey:
            let names = Array(PersonNames.all.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }).sorted()
            let first = names.randomElement(using: &rng)!
            let key = [first + "_" + names.randomElement(using: &rng)!, first.capitalized + "Smith", "by_" + first]
                .randomElement(using: &rng)!
            let properties = nested(.bool(true), under: key, &rng)
            return Case(shape: label, event: "corpus_event", properties: properties, needle: first)
        case .identifierKey:
            let identifier =
                Bool.random(using: &rng)
                ? digits(Int.random(in: 5...12, using: &rng), &rng)
                : Fixtures.string(from: "0123456789abcdef", 8...16, &rng) + "1a"
            let key = ["ticket_", "user_", "acme_", "t"].randomElement(using: &rng)! + identifier
            if Bool.random(using: &rng) {
                return Case(shape: label, event: "opened_" + identifier, properties: ["rows": 1], needle: identifier)
            }
            return Case(
                shape: label, event: "corpus_event", properties: nested(.int(1), under: key, &rng), needle: identifier)
        default:
            let (text, needle) = personalText(shape, &rng)
            let placed = Bool.random(using: &rng) ? Fixtures.text(embedding: text, &rng) : text
            let properties = Fixtures.properties(hiding: disguised(placed, &rng), &rng)
            return Case(
                shape: label, event: "corpus_event", properties: properties.filter { !ReservedNames.contains($0.key) },
                needle: needle)
        }
    }

    /// `value` under `key`, at a random depth inside objects and arrays, beside a harmless sibling.
    static func nested(_ value: PropertyValue, under key: String, _ rng: inout RNG) -> [String: PropertyValue] {
        var hidden: PropertyValue = .object([key: value, "rows": 2])
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            hidden = Bool.random(using: &rng) ? .array([1, hidden]) : .object(["context": hidden])
        }
        guard case .object(let members) = hidden else { return ["items": hidden] }
        return members
    }

    static let harmlessTokens = [
        "csv", "pdf", "dark", "web_app", "GET", "/api/tickets/{id}", "on-premise", "v2", "x86_64", "en-US", "step_3",
        "ticket_board", "DecodingError", "beta-2", "eu-west-1", "sha-256", "by_status", "C++",
    ]
    static let harmlessKeyWords = [
        "feature", "step", "metric", "status", "plan", "tier", "theme", "priority", "category", "queue", "job", "mode",
        "region", "source", "target", "view", "format", "result", "retry", "page", "button", "screen", "widget",
    ]

    static func harmlessKey(_ rng: inout RNG) -> String {
        (0..<Int.random(in: 1...3, using: &rng)).map { _ in harmlessKeyWords.randomElement(using: &rng)! }
            .joined(separator: "_")
    }

    static func harmlessLeaf(_ rng: inout RNG) -> PropertyValue {
        switch Int.random(in: 0...4, using: &rng) {
        case 0: .int(Int.random(in: -999_999...999_999, using: &rng))
        case 1: .double(Double(Int.random(in: -99_999...99_999, using: &rng)) / 100)
        case 2: .bool(Bool.random(using: &rng))
        case 3: .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in .int(Int.random(in: 0...500, using: &rng)) })
        default: .string(harmlessTokens.randomElement(using: &rng)!)
        }
    }

    static let harmlessProperties = Generator<[String: PropertyValue], _> { rng in
        var properties: [String: PropertyValue] = [:]
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            if Int.random(in: 0...4, using: &rng) == 0 {
                properties[harmlessKey(&rng)] = .object([harmlessKey(&rng): harmlessLeaf(&rng)])
            } else {
                properties[harmlessKey(&rng)] = harmlessLeaf(&rng)
            }
        }
        return properties
    }

    // MARK: Tests

    @Test("personal data in any shape, form and position never reaches the wire", arguments: DeploymentType.allCases)
    func personalDataNeverLeaves(deployment: DeploymentType) async throws {
        let baseline = try #require(try await AdversarialCorpusTests.send("corpus_event", [:], deployment: deployment))
        await propertyCheck(count: 1_000, input: Self.personalCases) { item in
            guard let event = try await AdversarialCorpusTests.send(item.event, item.properties, deployment: deployment)
            else { return }
            let sent = AdversarialCorpusTests.searchableText(of: event)
            #expect(!sent.contains(AdversarialCorpusTests.normalized(item.needle)), "\(item)")
            #expect(event.distinctID == baseline.distinctID, "\(item)")
            #expect(event.eventProperties.keys.allSatisfy { !ReservedNames.contains($0) }, "\(item)")
        }
    }

    @Test(
        "enum tokens, bounded numbers and bools leave unchanged (on-premise: bools and numbers only)",
        arguments: DeploymentType.allCases)
    func harmlessShapesSurvive(deployment: DeploymentType) async throws {
        await propertyCheck(count: 300, input: Self.harmlessProperties) { properties in
            let kept = deployment == .hosted ? properties : properties.filter(AdversarialCorpusTests.leavesOnPremise)
            let expected = kept.mapValues(Self.asReadBack)
            let event = try #require(
                try await AdversarialCorpusTests.send("corpus_event", properties, deployment: deployment))
            #expect(event.eventProperties == expected, "\(Fixtures.serialized(properties))")
        }
    }

    @Test("on-premise, the wire carries only bools and numbers of at most six digits, in lists at most")
    func onPremiseCarriesOnlyBoundedScalars() async throws {
        let mixed = Generator<[String: PropertyValue], _> { rng in
            var properties = Fixtures.harmlessProperties(&rng)
            let (text, _) = Self.personalText(.phone, &rng)
            properties["note"] = .string(text)
            properties["big"] = .int(Int.random(in: Int.min...Int.max, using: &rng))
            return properties
        }
        await propertyCheck(count: 300, input: mixed) { properties in
            let event = try #require(
                try await AdversarialCorpusTests.send("corpus_event", properties, deployment: .onPremise))
            for (key, value) in event.eventProperties {
                #expect(Self.isBoundedScalarOrList(value), "\(key): \(value)")
            }
        }
    }

    /// `value` as it reads back from JSON, which has one number type: whole doubles become integers.
    static func asReadBack(_ value: PropertyValue) -> PropertyValue {
        switch value {
        case .double(let number) where number.rounded() == number && number.magnitude < 1e15: .int(Int(number))
        case .array(let elements): .array(elements.map(asReadBack))
        case .object(let members): .object(members.mapValues(asReadBack))
        default: value
        }
    }

    /// Whether `value` is a bool, null, a number that is a measure (at most six digits, or two
    /// significant digits), or a list of those.
    static func isBoundedScalarOrList(_ value: PropertyValue) -> Bool {
        switch value {
        case .bool, .null: true
        case .int(let number):
            number.magnitude <= 999_999 || String(number.magnitude).dropFirst(2).allSatisfy { $0 == "0" }
        case .double(let number):
            number.magnitude <= 999_999
                || (number / pow(10, (log10(number.magnitude)).rounded(.down) - 1)).rounded() == number
                    / pow(10, (log10(number.magnitude)).rounded(.down) - 1)
        case .array(let elements): elements.allSatisfy(isBoundedScalarOrList)
        case .string, .object: false
        }
    }
}
