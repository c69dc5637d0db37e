/// One property of a typed event, declared once: its wire name, its kind (and so its privacy
/// class), what it means, and the key path its value is read from.
///
/// An event lists its properties in its ``EventDefinition``; the event's
/// ``AnalyticsEvent/write(to:)`` then comes from that list, so a name cannot be spelled twice and
/// a misspelt key path does not compile:
///
/// ```swift
/// public static let definition = EventDefinition(
///     name: "invoice_sent", category: .billing,
///     trigger: "When an invoice is delivered to the client.",
///     properties: [
///         .enumeration("delivery_method", \Self.deliveryMethod, "How the invoice reached the client."),
///         .count("days_since_generated", \Self.daysSinceGenerated, "Whole days between generation and delivery."),
///     ])
/// ```
///
/// A property is optional exactly when the value its key path reads is optional; opaque ids and
/// free text always are.
public struct EventProperty<Event>: Sendable {
    /// The wire name, kind and meaning, as the reference and the privacy policy read them.
    public let declaration: PropertyDeclaration
    private let writeValue: @Sendable (Event, inout EventProperties) -> Void

    init(_ declaration: PropertyDeclaration, write: @escaping @Sendable (Event, inout EventProperties) -> Void) {
        self.declaration = declaration
        self.writeValue = write
    }

    /// Writes this property's value, read from `event`, under its declared name.
    func write(_ event: Event, to properties: inout EventProperties) {
        writeValue(event, &properties)
    }

    /// This property read from the value an outer type keeps at `path`: how several events share
    /// one group of properties, such as ``TimeEntryDetails``.
    public func within<Outer>(_ path: any KeyPath<Outer, Event> & Sendable) -> EventProperty<Outer> {
        let writeValue = self.writeValue
        return EventProperty<Outer>(declaration) { outer, properties in
            writeValue(outer[keyPath: path], &properties)
        }
    }
}
