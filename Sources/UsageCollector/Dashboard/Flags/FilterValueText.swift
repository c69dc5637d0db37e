import Foundation
import UsageAnalytics

/// A release condition's value as one line of the form, and back.
///
/// `exact` and `is_not` compare with a list, typed comma-separated (`pro, team`); a list whose items are not plain
/// strings, or contain a comma, is written and read as JSON (`["a,b", 3]`) so that editing never changes it.
/// Comparisons take numbers when the text is one; `is_set` and `is_not_set` take no value.
enum FilterValueText {
    static func text(_ value: PropertyValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return FlagWording.number(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            let texts = items.compactMap { item -> String? in
                guard case .string(let text) = item, !text.contains(","), !text.isEmpty,
                    text == text.trimmingCharacters(in: .whitespaces), !text.hasPrefix("[")
                else { return nil }
                return text
            }
            if texts.count == items.count, !texts.isEmpty { return texts.joined(separator: ", ") }
            return String(decoding: value.jsonBytes(), as: UTF8.self)
        case .object: return String(decoding: value.jsonBytes(), as: UTF8.self)
        }
    }

    static func value(_ text: String, operator name: String) -> PropertyValue {
        let filterOperator = UsageAnalytics.PropertyFilter.Operator(rawValue: name)
        switch filterOperator {
        case .isSet, .isNotSet:
            return .string(name)
        case .exact, .isNot:
            if text.hasPrefix("["), let list = try? PropertyValue(json: Array(text.utf8)), case .array = list {
                return list
            }
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return .array(items.filter { !$0.isEmpty }.map(PropertyValue.string))
        case .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual:
            return FlagFormNumber.value(text) ?? .string(text)
        default:
            return .string(text)
        }
    }
}

/// Numbers typed into the form: `50`, `33.5`, `50 %`.
enum FlagFormNumber {
    /// The number as JSON (whole numbers as integers, as PostHog writes them), or nil when the text is none.
    static func value(_ text: String) -> PropertyValue? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard let number = Double(trimmed), number.isFinite else { return nil }
        return number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
    }

    /// A percentage field: empty is JSON `null`; text that is no number goes to validation as a string, which
    /// refuses it with the field named.
    static func percentage(_ text: String) -> PropertyValue {
        text.isEmpty ? .null : Self.value(text) ?? .string(text)
    }
}
