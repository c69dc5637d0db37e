/// What a flag evaluated to for one person, and why.
public struct FlagEvaluation: Sendable, Hashable {
    /// The flag's value: off, on, or a variant.
    public enum Value: Sendable, Hashable {
        case disabled
        case enabled
        case variant(String)
    }

    /// The flag's key.
    public var key: String
    /// The value.
    public var value: Value
    /// Why, in PostHog's `/flags?v=2` reason shape.
    public var reason: FlagReason
    /// The payload for the value (`"true"` or the variant's), when the flag has one.
    public var payload: PropertyValue?

    /// Whether the flag is on (either enabled or on some variant).
    public var isEnabled: Bool { value != .disabled }

    /// The variant, for a multivariate flag that is on.
    public var variant: String? {
        if case .variant(let key) = value { return key }
        return nil
    }

    /// The value as PostHog's SDKs report it in `$feature_flag_response`: the variant, or a boolean.
    public var responseValue: PropertyValue {
        switch value {
        case .disabled: .bool(false)
        case .enabled: .bool(true)
        case .variant(let key): .string(key)
        }
    }
}

/// Why a flag has its value, as `reason` in PostHog's `/flags?v=2` response.
public struct FlagReason: Sendable, Hashable {
    /// PostHog's reason codes.
    public enum Code: String, Sendable, Hashable {
        case conditionMatch = "condition_match"
        case noConditionMatch = "no_condition_match"
        case outOfRolloutBound = "out_of_rollout_bound"
        /// A group flag, and the request names no group of its type.
        case noGroupType = "no_group_type"
        /// The flag is inactive (this collector's code; PostHog leaves inactive flags out).
        case flagDisabled = "flag_disabled"
    }

    /// The code.
    public var code: Code
    /// The zero-based index of the condition group that decided, if one did.
    public var conditionIndex: Int?

    /// PostHog's human-readable description, such as "Matched condition set 1".
    public var description: String {
        switch code {
        case .conditionMatch: "Matched condition set \((conditionIndex ?? 0) + 1)"
        case .noConditionMatch: "No matching condition set"
        case .outOfRolloutBound: "Out of rollout bound"
        case .noGroupType: "No group of the flag's group type in the request"
        case .flagDisabled: "Feature flag is disabled"
        }
    }
}
