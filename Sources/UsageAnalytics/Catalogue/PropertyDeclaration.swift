/// One property an event may send: its wire name, kind and meaning.
public struct PropertyDeclaration: Sendable {
    /// The snake_case wire name.
    public let name: String
    /// What kind of value the property carries; decides its privacy class.
    public let kind: PropertyKind
    /// What the property means, in one sentence.
    public let summary: String
    /// Whether the property may be absent from an event.
    public let isOptional: Bool

    /// The privacy class that follows from the kind.
    public var privacyClass: PrivacyClass { kind.privacyClass }

    /// The name the property has on the wire; free text leaves only as `<name>_length`.
    public var wireName: String {
        if case .freeText = kind { return name + "_length" }
        return name
    }

    init(_ name: String, _ kind: PropertyKind, _ summary: String, optional: Bool = false) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.isOptional = optional
    }
}

// Declarations for events whose values are written by hand: generic events declared at startup
// (see `GenericEventDeclaration`) and events that implement `write(to:)` themselves. Typed
// catalogue events declare theirs with `EventProperty`, which also reads the value.
extension PropertyDeclaration {
    /// A name the program itself defines (a route template, an error type, an operation).
    public static func label(_ name: String, _ summary: String) -> PropertyDeclaration {
        PropertyDeclaration(name, .label, summary)
    }

    /// A yes/no fact.
    public static func flag(_ name: String, _ summary: String, optional: Bool = false) -> PropertyDeclaration {
        PropertyDeclaration(name, .flag, summary, optional: optional)
    }

    /// A whole number: a count, a size, an age, a status code.
    public static func count(_ name: String, _ summary: String, optional: Bool = false) -> PropertyDeclaration {
        PropertyDeclaration(name, .count, summary, optional: optional)
    }

    /// An exact decimal quantity, such as hours.
    public static func decimal(_ name: String, _ summary: String) -> PropertyDeclaration {
        PropertyDeclaration(name, .decimal, summary)
    }

    /// A duration in the unit its name states (`_ms`, `_minutes`).
    public static func duration(_ name: String, _ summary: String, optional: Bool = false) -> PropertyDeclaration {
        PropertyDeclaration(name, .duration, summary, optional: optional)
    }

    /// An identifier: sent only as an HMAC when hosted, never on-premise.
    public static func opaqueIdentifier(_ name: String, _ summary: String) -> PropertyDeclaration {
        PropertyDeclaration(name, .opaqueIdentifier, summary, optional: true)
    }

    /// Text a person wrote: never sent, only its length.
    public static func freeText(_ name: String, _ summary: String) -> PropertyDeclaration {
        PropertyDeclaration(name, .freeText, summary, optional: true)
    }
}
