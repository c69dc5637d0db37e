import Foundation

/// A named set of a project's persons (distinct ids): a fixed list (static) or everyone whose events meet
/// behavioural criteria, shaped like PostHog's cohorts.
public struct Cohort: Sendable, Hashable {
    /// Static (a list uploaded as CSV) or behavioural (computed from events).
    public enum Definition: Sendable, Hashable {
        case staticList
        case behavioural(CohortCriteria)
    }

    /// The cohort's id, unique in the collector; flag conditions and insight filters refer to it.
    public var id: Int
    public var name: String
    public var description: String
    public var definition: Definition
    /// Goes up with every change of the definition or of the static members, so cached memberships expire.
    public var version: Int
    /// The number of stored members of a static cohort (0 for a behavioural one, whose members are computed).
    public var staticCount: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// Whether the members are an uploaded list.
    public var isStatic: Bool { self.definition == .staticList }
}

/// What a client sends to create or change a cohort.
public struct CohortDraft: Sendable, Hashable {
    public var name: String
    public var description: String
    public var definition: Cohort.Definition

    /// A draft.
    public init(name: String, description: String = "", definition: Cohort.Definition) {
        self.name = name
        self.description = description
        self.definition = definition
    }
}
