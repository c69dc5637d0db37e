/// A feature flag in PostHog's model: boolean or multivariate, released by condition groups.
///
/// A flag is enabled for a person when the first condition group whose property filters match also
/// takes them in by its rollout percentage. A multivariate flag then picks one of its ``variants``
/// by PostHog's deterministic bucketing (see ``FlagBucketing``), so the same person sees the same
/// variant here and in PostHog. Parsed from and written to PostHog's definition JSON by
/// ``init(json:)`` and ``json``.
public struct FeatureFlag: Sendable, Hashable {
    /// The flag's numeric id (PostHog's `id`), reported in `/flags` metadata.
    public var id: Int
    /// The key callers ask for, such as `new-ticket-list`.
    public var key: String
    /// A human-readable name.
    public var name: String
    /// Inactive flags evaluate to disabled for everyone.
    public var active: Bool
    /// Incremented on every edit; reported in `/flags` metadata.
    public var version: Int
    /// Release condition groups, tried in order; the first that matches decides.
    public var conditions: [FlagCondition]
    /// Variants of a multivariate flag, whose rollout percentages sum to 100; empty for a boolean flag.
    public var variants: [FlagVariant]
    /// Payloads by `"true"` (boolean flags) or variant key, kept exactly as PostHog sends them.
    public var payloads: [String: PropertyValue]
    /// PostHog's `aggregation_group_type_index`: when set, the flag buckets and matches on the key of
    /// the caller's group of this type (see ``FlagGroupType``) instead of the distinct id; `nil` for a
    /// flag per person.
    public var aggregationGroupTypeIndex: Int?

    /// A flag; the defaults make an active boolean flag with no conditions, which matches nobody.
    public init(
        id: Int, key: String, name: String = "", active: Bool = true, version: Int = 1,
        conditions: [FlagCondition] = [], variants: [FlagVariant] = [], payloads: [String: PropertyValue] = [:],
        aggregationGroupTypeIndex: Int? = nil
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.active = active
        self.version = version
        self.conditions = conditions
        self.variants = variants
        self.payloads = payloads
        self.aggregationGroupTypeIndex = aggregationGroupTypeIndex
    }

    /// Whether the flag picks a variant rather than answering true or false.
    public var isMultivariate: Bool { !variants.isEmpty }

    /// The cohorts the flag's conditions refer to: only the collector can evaluate it when there are any.
    public var cohortIDs: Set<Int> { Set(conditions.flatMap { $0.cohorts.map(\.cohortID) }) }
}

/// One variant of a multivariate flag.
public struct FlagVariant: Sendable, Hashable {
    /// The value the flag evaluates to, such as `control` or `test`.
    public var key: String
    /// A human-readable name.
    public var name: String
    /// The share of matched people who get this variant, 0...100.
    public var rolloutPercentage: Double

    /// A variant.
    public init(key: String, name: String = "", rolloutPercentage: Double) {
        self.key = key
        self.name = name
        self.rolloutPercentage = rolloutPercentage
    }
}

/// A release condition group: every property filter must match, then the rollout takes a share.
public struct FlagCondition: Sendable, Hashable {
    /// Filters on the person's properties (a group's, for a group flag), all of which must match.
    public var properties: [PropertyFilter]
    /// The share of matching people the condition releases to, 0...100; `nil` releases to all of them.
    public var rolloutPercentage: Double?
    /// A variant this condition forces, overriding the bucketed pick when it names a real variant.
    public var variant: String?
    /// Cohorts the person must (or must not) belong to, besides the property filters.
    public var cohorts: [CohortFilter]

    /// A condition group.
    public init(
        properties: [PropertyFilter] = [], rolloutPercentage: Double? = nil, variant: String? = nil,
        cohorts: [CohortFilter] = []
    ) {
        self.properties = properties
        self.cohorts = cohorts
        self.rolloutPercentage = rolloutPercentage
        self.variant = variant
    }
}
