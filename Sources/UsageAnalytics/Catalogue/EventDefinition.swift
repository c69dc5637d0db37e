/// What an event is called on the wire, when it fires, and which properties it may carry.
public struct EventDefinition: Sendable {
    /// The snake_case wire name, for example `ticket_created`.
    public let name: String
    /// The part of the product that emits the event.
    public let category: EventCategory
    /// When the event fires, in one sentence (used in the generated reference).
    public let trigger: String
    /// Every property the event may send.
    public let properties: [PropertyDeclaration]

    private let declarationsByName: [String: PropertyDeclaration]

    /// Creates a definition; property names must be unique.
    public init(name: String, category: EventCategory, trigger: String, properties: [PropertyDeclaration]) {
        self.name = name
        self.category = category
        self.trigger = trigger
        self.properties = properties
        self.declarationsByName = Dictionary(properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The declaration of the property named `name`, if the event declares one.
    public func declaration(named name: String) -> PropertyDeclaration? {
        declarationsByName[name]
    }
}

/// The areas of the product whose events make up the catalogue.
public enum EventCategory: String, Sendable, CaseIterable {
    case tickets
    case authentication
    case performance
    case timeTracking = "time_tracking"
    case billing

    /// The heading used in the generated reference.
    public var title: String {
        switch self {
        case .tickets: "Ticket events"
        case .authentication: "Authentication events"
        case .performance: "Performance events"
        case .timeTracking: "Time tracking events"
        case .billing: "Billing events"
        }
    }
}
