import Foundation

/// PostHog's operator semantics, following posthog-python `feature_flags.py` `match_property`:
/// case-insensitive string comparison of Python's `str()` of both sides, a list value for
/// `exact`/`is_not` meaning "any of", and numeric or string ordering chosen by the property's type.
extension PropertyFilter {
    /// Whether `properties` satisfy this filter.
    ///
    /// - Parameters:
    ///   - properties: The person properties sent with the evaluation.
    ///   - missingIsInconclusive: In local evaluation (`true`) a missing property cannot decide, as in
    ///     PostHog's SDKs; the collector (`false`) has every property it will get, so only `is_not_set` matches.
    ///   - now: The instant relative dates such as `-7d` count back from.
    public func match(
        _ properties: [String: PropertyValue], missingIsInconclusive: Bool, now: Date
    ) -> FilterMatch {
        guard let actual = properties[key] else {
            if missingIsInconclusive { return .inconclusive }
            return self.operator == .isNotSet ? .match : .noMatch
        }
        if self.operator == .isNotSet { return missingIsInconclusive ? .inconclusive : .noMatch }
        if actual == .null && self.operator != .isNot { return .noMatch }
        switch evaluate(actual, now: now) {
        case .some(true): return .match
        case .some(false): return .noMatch
        case .none: return missingIsInconclusive ? .inconclusive : .noMatch
        }
    }

    /// `nil` when the values cannot be compared (an unparseable date).
    private func evaluate(_ actual: PropertyValue, now: Date) -> Bool? {
        let actualText = actual.pythonText.lowercased()
        let expectedText = value.pythonText.lowercased()
        switch self.operator {
        case .exact, .isNot:
            let isAny: Bool
            if case .array(let options) = value {
                isAny = options.contains { $0.pythonText.lowercased() == actualText }
            } else {
                isAny = actualText == expectedText
            }
            return (self.operator == .exact) == isAny
        case .isSet: return true
        case .isNotSet: return false
        case .icontains: return actualText.contains(expectedText)
        case .notIcontains: return !actualText.contains(expectedText)
        case .startsWith: return actualText.hasPrefix(expectedText)
        case .notStartsWith: return !actualText.hasPrefix(expectedText)
        case .endsWith: return actualText.hasSuffix(expectedText)
        case .notEndsWith: return !actualText.hasSuffix(expectedText)
        case .regex, .notRegex:
            // An invalid pattern matches neither way, as in posthog-python.
            guard let pattern = try? Regex(value.pythonText) else { return false }
            let found = (try? pattern.firstMatch(in: actual.pythonText)) != nil
            return (self.operator == .regex) == found
        case .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual:
            return compareOrdered(actual)
        case .isDateBefore, .isDateAfter:
            guard let bound = FlagDate.parse(value.pythonText, relativeTo: now),
                case .string(let text) = actual, let date = FlagDate.parse(text, relativeTo: nil)
            else { return nil }
            return self.operator == .isDateBefore ? date < bound : date > bound
        }
    }

    /// Numbers compare as numbers; a string property compares as text with the filter's text,
    /// and a filter value that is not a number makes both sides text (posthog-python's `:TRICKY:`).
    private func compareOrdered(_ actual: PropertyValue) -> Bool {
        if let expected = value.numericValue, let number = actual.numericValue, !actual.isString {
            return ordered(number, expected)
        }
        return ordered(actual.pythonText, value.pythonText)
    }

    private func ordered<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self.operator {
        case .greaterThan: lhs > rhs
        case .greaterThanOrEqual: lhs >= rhs
        case .lessThan: lhs < rhs
        default: lhs <= rhs
        }
    }
}

extension PropertyValue {
    /// The text Python's `str()` gives for the JSON value, which PostHog's comparisons use.
    var pythonText: String {
        switch self {
        case .null: "None"
        case .bool(let flag): flag ? "True" : "False"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .array, .object: String(decoding: jsonBytes(), as: UTF8.self)
        }
    }

    /// The value as a number: numbers, booleans (as Python treats them) and numeric strings.
    var numericValue: Double? {
        switch self {
        case .int(let number): Double(number)
        case .double(let number): number
        case .bool(let flag): flag ? 1 : 0
        case .string(let text): Double(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}
