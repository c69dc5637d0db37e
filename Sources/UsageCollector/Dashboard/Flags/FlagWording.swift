import Foundation
import UsageAnalytics

/// A flag's definition in words a product manager reads: "plan equals pro, 50 % of matching users".
enum FlagWording {
    /// A number as typed: `50`, `33.5`.
    static func number(_ value: Double) -> String {
        NumberText.exact(value)
    }

    static func percent(_ value: Double) -> String {
        "\(Self.number(value)) %"
    }

    /// "boolean", or "multivariate (control 50 %, test 50 %)".
    static func type(of flag: FeatureFlag) -> String {
        guard flag.isMultivariate else { return "boolean" }
        return "multivariate (\(Self.split(flag.variants)))"
    }

    static func split(_ variants: [FlagVariant]) -> String {
        variants.map { "\($0.key) \(Self.percent($0.rolloutPercentage))" }.joined(separator: ", ")
    }

    /// One release condition: its filters joined by "and", then its rollout and forced variant.
    static func condition(_ condition: FlagCondition) -> String {
        let rollout = condition.rolloutPercentage ?? 100
        let share =
            rollout >= 100 ? "all" : rollout <= 0 ? "none" : Self.percent(rollout)
        var text: String
        if condition.properties.isEmpty {
            text = rollout >= 100 ? "Everyone" : "\(share) of everyone"
        } else {
            text = condition.properties.map(Self.filter).joined(separator: " and ") + ", \(share) of matching users"
        }
        if let variant = condition.variant { text += ", who all get \(variant)" }
        return text
    }

    /// The release conditions in one line, for the list.
    static func rollout(of flag: FeatureFlag) -> String {
        guard let first = flag.conditions.first else { return "No release condition: nobody gets it" }
        let more = flag.conditions.count - 1
        return Self.condition(first) + (more > 0 ? " (+\(more) more condition\(more == 1 ? "" : "s"))" : "")
    }

    /// "plan equals pro", "seats is at least 10", "email is set".
    static func filter(_ filter: UsageAnalytics.PropertyFilter) -> String {
        let value = Self.value(filter.value)
        let isList: Bool
        if case .array(let items) = filter.value, items.count > 1 { isList = true } else { isList = false }
        let phrase: String =
            switch filter.operator {
            case .exact: isList ? "is one of" : "equals"
            case .isNot: isList ? "is none of" : "does not equal"
            case .isSet: "is set"
            case .isNotSet: "is not set"
            case .icontains: "contains"
            case .notIcontains: "does not contain"
            case .regex: "matches the pattern"
            case .notRegex: "does not match the pattern"
            case .startsWith: "starts with"
            case .notStartsWith: "does not start with"
            case .endsWith: "ends with"
            case .notEndsWith: "does not end with"
            case .greaterThan: "is greater than"
            case .greaterThanOrEqual: "is at least"
            case .lessThan: "is less than"
            case .lessThanOrEqual: "is at most"
            case .isDateBefore: "is a date before"
            case .isDateAfter: "is a date after"
            }
        switch filter.operator {
        case .isSet, .isNotSet: return "\(filter.key) \(phrase)"
        case .icontains, .notIcontains: return "\(filter.key) \(phrase) \(value) (ignoring case)"
        default: return "\(filter.key) \(phrase) \(value)"
        }
    }

    /// The operators in the order the form offers them, with the words shown for each.
    static let operators: [(name: String, label: String)] = UsageAnalytics.PropertyFilter.Operator.allCases.map {
        filterOperator in
        let sample = Self.filter(UsageAnalytics.PropertyFilter(key: "", operator: filterOperator, value: .string("")))
        return (filterOperator.rawValue, sample.split(separator: " ").joined(separator: " "))
    }

    private static func value(_ value: PropertyValue) -> String {
        switch value {
        case .array(let items): items.map(Self.value).joined(separator: ", ")
        default: FilterValueText.text(value)
        }
    }
}
