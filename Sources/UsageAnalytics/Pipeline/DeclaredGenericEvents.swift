import Foundation

/// The generic events declared at startup, and how their JSON-shaped values map onto the typed
/// catalogue's values, so that the typed path checks and encodes them.
struct DeclaredGenericEvents: Sendable {
    private let events: [String: GenericEventDeclaration]

    init(_ declarations: [GenericEventDeclaration]) {
        events = Dictionary(declarations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(name: String) -> GenericEventDeclaration? { events[name] }

    /// `value` as the typed value its declared `kind` expects, or nil when it does not fit.
    static func typedValue(_ value: PropertyValue, as kind: PropertyKind) -> EventProperties.Value? {
        switch (kind, value) {
        case (.enumeration, .string(let text)): return .enumeration(text)
        case (.enumerationList, .array(let elements)):
            let texts = elements.compactMap(text)
            return texts.count == elements.count ? .enumerationList(texts) : nil
        case (.label, .string(let text)): return .label(text)
        case (.flag, .bool(let flag)): return .flag(flag)
        case (.flagSet, .object(let members)):
            let flags = members.compactMapValues(flag)
            return flags.count == members.count ? .flagSet(flags) : nil
        case (.count, .int(let number)): return .count(number)
        case (.count, .double(let number)) where number.rounded() == number && abs(number) < 9e15:
            return .count(Int(number))
        case (.decimal, .int(let number)): return .decimal(Decimal(number))
        case (.decimal, .double(let number)) where number.isFinite: return .decimal(Decimal(number))
        case (.duration, .int(let number)): return .duration(Double(number))
        case (.duration, .double(let number)): return .duration(number)
        case (.opaqueIdentifier, .string(let text)): return .opaqueIdentifier(text)
        case (.opaqueIdentifier, .int(let number)): return .opaqueIdentifier(String(number))
        case (.freeText, .string(let text)): return .freeText(text)
        default: return nil
        }
    }

    private static func text(_ value: PropertyValue) -> String? {
        if case .string(let text) = value { text } else { nil }
    }

    private static func flag(_ value: PropertyValue) -> Bool? {
        if case .bool(let flag) = value { flag } else { nil }
    }
}
