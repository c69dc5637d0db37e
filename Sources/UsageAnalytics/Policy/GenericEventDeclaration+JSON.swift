/// Reads a generic event declaration from JSON, so that declarations can live in a file that a
/// privacy officer reviews and `psa privacy --declaration` checks.
///
/// ```json
/// {"name": "report_exported",
///  "properties": {"format": {"class": "enum", "values": ["csv", "pdf"], "summary": "The export format."},
///                 "row_count": {"class": "count"}, "title": {"class": "free text"}}}
/// ```
///
/// Classes: `enum` and `enum list` (with `values`), `label`, `bool`, `count`, `decimal`,
/// `duration`, `opaque id`, `free text`.
extension GenericEventDeclaration {
    /// The most properties one declaration may hold.
    public static let maximumProperties = 256

    /// Parses a declaration from a JSON value.
    /// - Throws: ``GenericEventDeclarationError`` naming the member that is wrong.
    public init(json: PropertyValue) throws(GenericEventDeclarationError) {
        guard case .object(let object) = json else { throw .init(.notAnObject("the declaration")) }
        guard case .string(let name) = object["name"], PrivacyPolicy.isValidEventName(name) else {
            throw .init(.invalidName)
        }
        guard case .object(let members) = object["properties"] else { throw .init(.notAnObject("properties")) }
        guard members.count <= Self.maximumProperties else { throw .init(.tooManyProperties) }
        var properties: [PropertyDeclaration] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            properties.append(try Self.property(named: key, member))
        }
        self.init(name: name, properties: properties)
    }

    private static func property(
        named key: String, _ member: PropertyValue
    ) throws(GenericEventDeclarationError) -> PropertyDeclaration {
        guard PrivacyPolicy.isPropertyKey(key), !ReservedNames.contains(key) else { throw .init(.invalidKey(key)) }
        guard case .object(let fields) = member, case .string(let privacyClass) = fields["class"] else {
            throw .init(.missingClass(key))
        }
        var summary = ""
        if let given = fields["summary"] {
            guard case .string(let text) = given, text.utf8.count <= 500 else { throw .init(.invalidSummary(key)) }
            summary = text
        }
        func values() throws(GenericEventDeclarationError) -> [String] {
            guard case .array(let elements) = fields["values"], !elements.isEmpty, elements.count <= 256 else {
                throw .init(.invalidValues(key))
            }
            var texts: [String] = []
            for element in elements {
                guard case .string(let text) = element, EnumToken.matches(text) else {
                    throw .init(.invalidValues(key))
                }
                texts.append(text)
            }
            return texts
        }
        switch privacyClass {
        case "enum": return .enumeration(key, values: try values(), summary)
        case "enum list": return .enumerationList(key, values: try values(), summary)
        case "label": return .label(key, summary)
        case "bool": return .flag(key, summary)
        case "count": return .count(key, summary)
        case "decimal": return .decimal(key, summary)
        case "duration": return .duration(key, summary)
        case "opaque id": return .opaqueIdentifier(key, summary)
        case "free text": return .freeText(key, summary)
        default: throw .init(.unknownClass(key))
        }
    }
}

/// Why a generic event declaration could not be read.
public struct GenericEventDeclarationError: Error, Sendable, Equatable, CustomStringConvertible {
    fileprivate enum Reason: Equatable {
        case notAnObject(String)
        case invalidName
        case tooManyProperties
        case invalidKey(String)
        case missingClass(String)
        case unknownClass(String)
        case invalidValues(String)
        case invalidSummary(String)
    }

    private let reason: Reason

    fileprivate init(_ reason: Reason) {
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .notAnObject(let what): "\(what) must be a JSON object"
        case .invalidName: "\"name\" must be a snake_case event name of at most 64 bytes"
        case .tooManyProperties:
            "\"properties\" may declare at most \(GenericEventDeclaration.maximumProperties) properties"
        case .invalidKey(let key):
            "property \(Self.bounded(key)) is not a property name (1 to 64 ASCII letters, digits, '_', '-' or '.', "
                + "not a name PostHog reads such as distinct_id)"
        case .missingClass(let key): "property \(Self.bounded(key)) needs a \"class\""
        case .unknownClass(let key):
            "property \(Self.bounded(key)) has an unknown class; expected enum, enum list, label, bool, count, "
                + "decimal, duration, opaque id or free text"
        case .invalidValues(let key):
            "property \(Self.bounded(key)) needs \"values\": 1 to 256 enum tokens (short, no whitespace, no personal data)"
        case .invalidSummary(let key):
            "property \(Self.bounded(key)) has a \"summary\" that is not text of at most 500 bytes"
        }
    }

    /// A key quoted and cut to 64 characters, so that the message stays short whatever the input.
    private static func bounded(_ key: String) -> String {
        (key.count > 64 ? String(key.prefix(64)) + "…" : key).debugDescription
    }
}
