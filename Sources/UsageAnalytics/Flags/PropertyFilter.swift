/// A filter on one person property, with one of PostHog's operators.
public struct PropertyFilter: Sendable, Hashable {
    /// PostHog's property operators that this evaluator supports.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case exact
        case isNot = "is_not"
        case isSet = "is_set"
        case isNotSet = "is_not_set"
        case icontains
        case notIcontains = "not_icontains"
        case regex
        case notRegex = "not_regex"
        case startsWith = "starts_with"
        case notStartsWith = "not_starts_with"
        case endsWith = "ends_with"
        case notEndsWith = "not_ends_with"
        case greaterThan = "gt"
        case greaterThanOrEqual = "gte"
        case lessThan = "lt"
        case lessThanOrEqual = "lte"
        case isDateBefore = "is_date_before"
        case isDateAfter = "is_date_after"
    }

    /// The person property the filter reads, such as `plan`.
    public var key: String
    /// How the property is compared with ``value``.
    public var `operator`: Operator
    /// The value to compare with: a string, a number, or for `exact`/`is_not` a list of them.
    public var value: PropertyValue

    /// A filter; `exact` when no operator is given, as in PostHog.
    public init(key: String, operator: Operator = .exact, value: PropertyValue = .null) {
        self.key = key
        self.operator = `operator`
        self.value = value
    }
}
