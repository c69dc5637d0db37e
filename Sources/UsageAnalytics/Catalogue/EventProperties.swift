import Foundation

/// The property values an event writes, each tagged with its kind.
///
/// Filled in ``AnalyticsEvent/write(to:)``: by the event's ``EventProperty`` list, or by hand for
/// an event that writes its own values; the pipeline then checks every value against the
/// event's ``EventDefinition`` before anything is encoded.
public struct EventProperties: Sendable {
    enum Value: Sendable, Equatable {
        case enumeration(String)
        case enumerationList([String])
        case label(String)
        case flag(Bool)
        case flagSet([String: Bool])
        case count(Int)
        case decimal(Decimal)
        case duration(Double)
        case opaqueIdentifier(String)
        case freeText(String)
    }

    private(set) var entries: [(name: String, value: Value)] = []

    init() {
        entries.reserveCapacity(8)
    }

    /// A value of a closed set.
    public mutating func add<Value: PropertyEnumeration>(_ name: String, _ value: Value) {
        entries.append((name, .enumeration(value.rawValue)))
    }

    /// Several values of a closed set, in the order given.
    public mutating func add<Value: PropertyEnumeration>(_ name: String, _ values: [Value]) {
        entries.append((name, .enumerationList(values.map(\.rawValue))))
    }

    /// Named yes/no facts: every case of `Value`, true for those in `values`.
    public mutating func add<Value: PropertyEnumeration & Hashable>(_ name: String, flags values: Set<Value>) {
        let flags = Dictionary(uniqueKeysWithValues: Value.allCases.map { ($0.rawValue, values.contains($0)) })
        entries.append((name, .flagSet(flags)))
    }

    /// A bool.
    public mutating func add(_ name: String, _ value: Bool) {
        entries.append((name, .flag(value)))
    }

    /// A bool, when known.
    public mutating func add(_ name: String, _ value: Bool?) {
        if let value { add(name, value) }
    }

    /// A name the program defines, such as a route template or an error type name.
    public mutating func add(_ name: String, label: String) {
        entries.append((name, .label(label)))
    }

    /// A whole number.
    public mutating func add(_ name: String, count: Int) {
        entries.append((name, .count(count)))
    }

    /// An exact decimal quantity.
    public mutating func add(_ name: String, decimal: Decimal) {
        entries.append((name, .decimal(decimal)))
    }

    /// A duration, in the unit the property's name states.
    public mutating func add(_ name: String, duration: Double) {
        entries.append((name, .duration(duration)))
    }

    /// An identifier; the policy hashes or withholds it.
    public mutating func add(_ name: String, identifier: String?) {
        if let identifier { entries.append((name, .opaqueIdentifier(identifier))) }
    }

    /// Text a person wrote; only its length leaves the process.
    public mutating func add(_ name: String, text: String?) {
        if let text { entries.append((name, .freeText(text))) }
    }
}
