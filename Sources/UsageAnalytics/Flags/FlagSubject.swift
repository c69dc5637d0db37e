/// Whom a flag is evaluated for: a distinct id with its person properties, and the groups it
/// belongs to with their properties, as PostHog's `/flags` request carries them.
///
/// ```swift
/// let subject = FlagSubject(distinctID: "u_3f…", groups: ["tenant": "9c1e…"])
/// ```
public struct FlagSubject: Sendable, Hashable {
    /// The distinct id a flag per person buckets on.
    public var distinctID: String
    /// Properties person-flag conditions match against.
    public var personProperties: [String: PropertyValue]
    /// Group keys by group type name, such as `["tenant": "9c1e…"]`; a group flag buckets on its type's key.
    public var groups: [String: String]
    /// Properties per group type name, which a group flag's conditions match against.
    public var groupProperties: [String: [String: PropertyValue]]

    /// A subject.
    /// - Parameters:
    ///   - distinctID: The distinct id.
    ///   - personProperties: The person's properties.
    ///   - groups: Group keys by group type name.
    ///   - groupProperties: Group properties by group type name.
    public init(
        distinctID: String, personProperties: [String: PropertyValue] = [:], groups: [String: String] = [:],
        groupProperties: [String: [String: PropertyValue]] = [:]
    ) {
        self.distinctID = distinctID
        self.personProperties = personProperties
        self.groups = groups
        self.groupProperties = groupProperties
    }
}
