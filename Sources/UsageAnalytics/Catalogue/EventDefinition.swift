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
    /// Writes an event's values from the key paths of its properties; `nil` for an event that
    /// writes them itself.
    private let writeProperties: (@Sendable (any AnalyticsEvent, inout EventProperties) -> Void)?

    /// Defines `Event` by its properties, each declared once with the key path its value is read
    /// from; the event's ``AnalyticsEvent/write(to:)`` then writes exactly these. Property names
    /// must be unique.
    /// - Parameters:
    ///   - name: The snake_case wire name.
    ///   - category: The part of the product that emits the event.
    ///   - trigger: When the event fires, in one sentence.
    ///   - properties: Every property the event sends, such as `.flag("is_admin", \Self.isAdmin, "…")`.
    public init<Event: AnalyticsEvent>(
        name: String, category: EventCategory, trigger: String, properties: [EventProperty<Event>]
    ) {
        self.init(name: name, category: category, trigger: trigger, declarations: properties.map(\.declaration)) {
            event, written in
            guard let event = event as? Event else {
                assertionFailure("\(name) is defined for \(Event.self), not for \(type(of: event))")
                return
            }
            for property in properties { property.write(event, to: &written) }
        }
    }

    /// Defines an event that writes its own values in ``AnalyticsEvent/write(to:)``; a value written
    /// under a name not declared here is dropped and counted. Property names must be unique.
    public init(name: String, category: EventCategory, trigger: String, properties: [PropertyDeclaration]) {
        self.init(name: name, category: category, trigger: trigger, declarations: properties, write: nil)
    }

    private init(
        name: String, category: EventCategory, trigger: String, declarations: [PropertyDeclaration],
        write: (@Sendable (any AnalyticsEvent, inout EventProperties) -> Void)?
    ) {
        self.name = name
        self.category = category
        self.trigger = trigger
        self.properties = declarations
        self.declarationsByName = Dictionary(
            declarations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.writeProperties = write
    }

    /// Writes `event`'s values as its declared properties read them.
    func write(_ event: some AnalyticsEvent, to properties: inout EventProperties) {
        writeProperties?(event, &properties)
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
