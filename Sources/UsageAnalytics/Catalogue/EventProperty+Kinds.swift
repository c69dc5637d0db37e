import Foundation

// One factory per kind of value; the key path's value type picks the overload, and an optional
// value makes an optional property.
extension EventProperty {
    /// A value from a closed set, given by a Swift enum.
    public static func enumeration<Value: PropertyEnumeration>(
        _ name: String, _ value: any KeyPath<Event, Value> & Sendable, _ summary: String
    ) -> Self {
        Self(PropertyDeclaration(name, .enumeration(Value.allCases.map(\.rawValue)), summary)) {
            $1.add(name, $0[keyPath: value])
        }
    }

    /// Several values from a closed set, in the order the event keeps them.
    public static func enumerationList<Value: PropertyEnumeration>(
        _ name: String, _ values: any KeyPath<Event, [Value]> & Sendable, _ summary: String
    ) -> Self {
        Self(PropertyDeclaration(name, .enumerationList(Value.allCases.map(\.rawValue)), summary)) {
            $1.add(name, $0[keyPath: values])
        }
    }

    /// Named yes/no facts, sent as one object with every case of `Value`: true for those in the set.
    public static func flagSet<Value: PropertyEnumeration & Hashable>(
        _ name: String, _ values: any KeyPath<Event, Set<Value>> & Sendable, _ summary: String
    ) -> Self {
        Self(PropertyDeclaration(name, .flagSet(Value.allCases.map(\.rawValue)), summary)) {
            $1.add(name, flags: $0[keyPath: values])
        }
    }

    /// A yes/no fact.
    public static func flag(_ name: String, _ value: any KeyPath<Event, Bool> & Sendable, _ summary: String) -> Self {
        Self(PropertyDeclaration(name, .flag, summary)) { $1.add(name, $0[keyPath: value]) }
    }

    /// A yes/no fact that is not always known; absent when `nil`.
    public static func flag(_ name: String, _ value: any KeyPath<Event, Bool?> & Sendable, _ summary: String) -> Self {
        Self(PropertyDeclaration(name, .flag, summary, optional: true)) { $1.add(name, $0[keyPath: value]) }
    }

    /// A name the program itself defines (a route template, an error type, an operation).
    public static func label(_ name: String, _ value: any KeyPath<Event, String> & Sendable, _ summary: String) -> Self
    {
        Self(PropertyDeclaration(name, .label, summary)) { $1.add(name, label: $0[keyPath: value]) }
    }

    /// A whole number: a count, a size, an age, a status code.
    public static func count(_ name: String, _ value: any KeyPath<Event, Int> & Sendable, _ summary: String) -> Self {
        Self(PropertyDeclaration(name, .count, summary)) { $1.add(name, count: $0[keyPath: value]) }
    }

    /// An exact decimal quantity, such as hours.
    public static func decimal(_ name: String, _ value: any KeyPath<Event, Decimal> & Sendable, _ summary: String)
        -> Self
    {
        Self(PropertyDeclaration(name, .decimal, summary)) { $1.add(name, decimal: $0[keyPath: value]) }
    }

    /// A duration in the unit its name states (`_ms`).
    public static func duration(
        _ name: String, _ value: any KeyPath<Event, Double> & Sendable, _ summary: String
    ) -> Self {
        Self(PropertyDeclaration(name, .duration, summary)) { $1.add(name, duration: $0[keyPath: value]) }
    }

    /// A duration in whole units its name states (`_minutes`).
    public static func duration(_ name: String, _ value: any KeyPath<Event, Int> & Sendable, _ summary: String) -> Self
    {
        Self(PropertyDeclaration(name, .duration, summary)) { $1.add(name, duration: Double($0[keyPath: value])) }
    }

    /// A duration in whole units, when there is one; absent when `nil`.
    public static func duration(_ name: String, _ value: any KeyPath<Event, Int?> & Sendable, _ summary: String) -> Self
    {
        Self(PropertyDeclaration(name, .duration, summary, optional: true)) {
            if let amount = $0[keyPath: value] { $1.add(name, duration: Double(amount)) }
        }
    }

    /// An identifier: sent only as an HMAC when hosted, never on-premise; absent when `nil`.
    public static func opaqueIdentifier(
        _ name: String, _ value: any KeyPath<Event, String?> & Sendable, _ summary: String
    ) -> Self {
        Self(PropertyDeclaration(name, .opaqueIdentifier, summary, optional: true)) {
            $1.add(name, identifier: $0[keyPath: value])
        }
    }

    /// Text a person wrote: never sent, only its length as `<name>_length`; absent when `nil`.
    public static func freeText(_ name: String, _ value: any KeyPath<Event, String?> & Sendable, _ summary: String)
        -> Self
    {
        Self(PropertyDeclaration(name, .freeText, summary, optional: true)) { $1.add(name, text: $0[keyPath: value]) }
    }
}
