/// A generic event declared at startup: its name and every property it may send, each with its
/// privacy class, like a catalogue event without a Swift type.
///
/// Once an event is declared, `capture(event:properties:actor:)` treats it like a typed event:
/// undeclared properties are dropped and counted (`undeclared_property`), a value that does not
/// fit its declaration is dropped and counted (`invalid_value`), opaque ids leave only as HMACs
/// and only when hosted, free text only as its length (`<name>_length`), and on-premise
/// installations send enum, bool, count and duration values only. Declared events skip the
/// generic sanitizer's guesswork, so declare every generic event whose strings matter.
///
/// ```swift
/// var configuration = AnalyticsConfiguration()
/// configuration.declaredGenericEvents = [
///     GenericEventDeclaration(name: "report_exported", properties: [
///         .enumeration("format", values: ["csv", "pdf"], "The export format."),
///         .count("row_count", "Rows exported."),
///         .flag("is_scheduled", "Whether a schedule started the export."),
///     ])
/// ]
/// ```
public struct GenericEventDeclaration: Sendable, Equatable {
    /// The event's snake_case wire name; it must also pass the generic event name rules.
    public let name: String
    /// Every property the event may send.
    public let properties: [PropertyDeclaration]

    private let declarationsByName: [String: PropertyDeclaration]

    /// Declares a generic event; when two properties share a name, the first is used.
    /// - Parameters:
    ///   - name: The event's snake_case wire name.
    ///   - properties: Every property it may send, with its kind and privacy class.
    public init(name: String, properties: [PropertyDeclaration]) {
        self.name = name
        self.properties = properties
        self.declarationsByName = Dictionary(properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The declaration of the property named `name`, if the event declares one.
    public func declaration(named name: String) -> PropertyDeclaration? {
        declarationsByName[name]
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name
            && lhs.properties.map { [$0.name, $0.summary, $0.isOptional ? "optional" : ""] }
                == rhs.properties.map { [$0.name, $0.summary, $0.isOptional ? "optional" : ""] }
            && lhs.properties.map(\.kind) == rhs.properties.map(\.kind)
    }
}

extension PropertyDeclaration {
    /// A value from a closed set given as strings, for events declared without a Swift enum.
    public static func enumeration(
        _ name: String, values: [String], _ summary: String, optional: Bool = false
    ) -> PropertyDeclaration {
        PropertyDeclaration(name, .enumeration(values), summary, optional: optional)
    }

    /// A list of values from a closed set given as strings.
    public static func enumerationList(_ name: String, values: [String], _ summary: String) -> PropertyDeclaration {
        PropertyDeclaration(name, .enumerationList(values), summary)
    }
}
