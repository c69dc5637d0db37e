import Foundation

/// One event-property condition of PostHog's `{key, value, operator, type: "event"}` shape.
struct PropertyFilter: Sendable {
    enum Operator: String, CaseIterable, Sendable {
        case exact, isNot = "is_not", icontains
        case notIcontains = "not_icontains"
        case regex
        case notRegex = "not_regex"
        case gt, gte, lt, lte
        case isSet = "is_set"
        case isNotSet = "is_not_set"
    }

    static let maxPatternLength = 1000

    let key: String
    let comparison: Operator
    /// The texts an `exact` or `is_not` filter compares with; one text for the other operators.
    let texts: [String]
    let number: Double?
    let pattern: NSRegularExpression?

    /// Whether an event whose properties are `properties` passes. A missing property fails every positive
    /// operator and passes the negative ones (`is_not`, `not_icontains`, `not_regex`), as in PostHog.
    func matches(_ properties: [String: JSONValue]) -> Bool {
        let value = properties[self.key].flatMap { $0 == .null ? nil : $0 }
        switch self.comparison {
        case .isSet: return value != nil
        case .isNotSet: return value == nil
        default: break
        }
        let text = value.flatMap(\.comparableText) ?? value?.jsonText
        switch self.comparison {
        case .exact: return text.map { self.texts.contains($0) } ?? false
        case .isNot: return text.map { !self.texts.contains($0) } ?? true
        case .icontains: return text.map { Self.containsIgnoringCase($0, self.texts[0]) } ?? false
        case .notIcontains: return text.map { !Self.containsIgnoringCase($0, self.texts[0]) } ?? true
        case .regex: return text.map { self.matchesPattern($0) } ?? false
        case .notRegex: return text.map { !self.matchesPattern($0) } ?? true
        case .gt, .gte, .lt, .lte:
            guard let bound = self.number, let actual = value.flatMap(Self.numeric) else { return false }
            switch self.comparison {
            case .gt: return actual > bound
            case .gte: return actual >= bound
            case .lt: return actual < bound
            default: return actual <= bound
            }
        case .isSet, .isNotSet: return false
        }
    }

    private func matchesPattern(_ text: String) -> Bool {
        guard let pattern = self.pattern else { return false }
        return pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func containsIgnoringCase(_ text: String, _ part: String) -> Bool {
        part.isEmpty || text.range(of: part, options: [.caseInsensitive]) != nil
    }

    static func numeric(_ value: JSONValue) -> Double? {
        if let number = value.number { return number }
        if case .string(let text) = value { return Double(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }
}

extension PropertyFilter {
    /// Parses one filter; only event properties are supported.
    init(_ value: JSONValue, path: String) throws(InsightQueryError) {
        let object = try QueryObject(value, path: path)
        let type = try object.string("type") ?? "event"
        guard type == "event" else { throw InsightQueryError.unsupported(object.attr("type"), "\(type) properties") }
        guard let key = try object.string("key"), !key.isEmpty else {
            throw InsightQueryError(object.attr("key"), "a property filter needs a key")
        }
        let operatorName = try object.string("operator") ?? "exact"
        guard let comparison = Operator(rawValue: operatorName) else {
            throw InsightQueryError.unsupported(object.attr("operator"), "operator \(operatorName)")
        }
        self.key = key
        self.comparison = comparison
        let raw = object.value("value")
        var texts: [String] = []
        switch raw {
        case .array(let items)?:
            guard comparison == .exact || comparison == .isNot, items.count <= 1000 else {
                throw InsightQueryError(object.attr("value"), "a list is allowed only for exact and is_not")
            }
            for item in items {
                guard let text = item.comparableText else {
                    throw InsightQueryError(object.attr("value"), "list entries must be strings, numbers or booleans")
                }
                texts.append(text)
            }
        case let scalar?:
            guard let text = scalar.comparableText else {
                throw InsightQueryError(object.attr("value"), "expected a string, number, boolean or list")
            }
            texts = [text]
        case nil:
            guard comparison == .isSet || comparison == .isNotSet else {
                throw InsightQueryError(object.attr("value"), "operator \(operatorName) needs a value")
            }
        }
        self.texts = texts
        switch comparison {
        case .gt, .gte, .lt, .lte:
            guard let number = raw.flatMap(Self.numeric), number.isFinite else {
                throw InsightQueryError(object.attr("value"), "operator \(operatorName) needs a number")
            }
            self.number = number
            self.pattern = nil
        case .regex, .notRegex:
            guard texts[0].count <= Self.maxPatternLength else {
                throw InsightQueryError(object.attr("value"), "the pattern is longer than \(Self.maxPatternLength)")
            }
            do {
                self.pattern = try NSRegularExpression(pattern: texts[0])
            } catch {
                throw InsightQueryError(object.attr("value"), "not a valid regular expression")
            }
            self.number = nil
        default:
            self.number = nil
            self.pattern = nil
        }
    }
}
