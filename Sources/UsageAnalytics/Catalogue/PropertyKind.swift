/// The kind of value a declared property carries.
public enum PropertyKind: Sendable, Equatable {
    /// One value of a closed set.
    case enumeration([String])
    /// Several values of a closed set.
    case enumerationList([String])
    /// A name defined by the program (route template, error type, operation), never user input.
    case label
    /// A bool.
    case flag
    /// An object of named bools.
    case flagSet([String])
    /// An integer.
    case count
    /// An exact decimal number.
    case decimal
    /// A number of milliseconds or minutes, as the name says.
    case duration
    /// An identifier, hashed or withheld by policy.
    case opaqueIdentifier
    /// Text written by a person; only its length is sent.
    case freeText

    /// The privacy class of EVENTS.md this kind belongs to.
    public var privacyClass: PrivacyClass {
        switch self {
        case .enumeration, .enumerationList, .label: .enumeration
        case .flag, .flagSet: .bool
        case .count, .decimal: .count
        case .duration: .duration
        case .opaqueIdentifier: .opaqueIdentifier
        case .freeText: .freeText
        }
    }
}

/// How a property is treated by the privacy policy.
public enum PrivacyClass: String, Sendable, CaseIterable {
    /// A value from a closed set; sent everywhere.
    case enumeration = "enum"
    /// A bool; sent everywhere.
    case bool
    /// A number; sent everywhere.
    case count
    /// A duration; sent everywhere.
    case duration
    /// An identifier; sent only as an HMAC, and only by hosted deployments.
    case opaqueIdentifier = "opaque id"
    /// Text a person wrote; never sent, only its length.
    case freeText = "free text"

    /// Whether an on-premise installation lets this class leave the process.
    public var leavesOnPremise: Bool {
        switch self {
        case .enumeration, .bool, .count, .duration, .freeText: true
        case .opaqueIdentifier: false
        }
    }
}

/// A Swift enum whose raw values are the closed set a property may take.
public protocol PropertyEnumeration: RawRepresentable<String>, CaseIterable, Sendable {}
