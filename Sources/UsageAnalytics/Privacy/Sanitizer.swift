/// Removes personal data and credentials from event properties before they leave the process.
///
/// The sanitizer is the last line of defence for `capture(name:properties:)` and for typed
/// events. It never logs a value; every drop and redaction is counted in a ``SanitizerReport``.
///
/// - **Keys** at every level are classified by ``KeyClassifier``: sensitive keys are removed,
///   restricted keys (`email_count`, `user`) keep only numbers or bools. A key that itself
///   contains personal data (`{"ada@example.com": true}`) is removed too.
/// - **Strings** at every level, including array elements, are checked in this order:
///   1. longer than `maximumTextLength` Characters → replaced by `.int(length)` (``Redaction/Reason/longText``),
///      without inspecting the text: nothing of it leaves, and huge strings are never scanned;
///   2. containing an email, phone number, IP address, payment card, IBAN, JWT, bearer token,
///      API key or other secret → replaced by ``Redaction/placeholder`` (see ``ValueInspector``).
/// - **Numbers, bools and null** are kept as they are; a bool or null is kept under any key.
///
/// With ``Strings/enumTokens`` (generic events) the rules are allowlist-shaped instead:
/// - keys that PostHog reads from properties (``ReservedNames``: `distinct_id`, `set`, `uuid`, ...)
///   are removed at every depth, and so are keys that are data themselves (a person's name, an
///   identifier run), even with a bool;
/// - a string is folded to ASCII (``TextNormalizer``) and inspected; without a finding it is sent
///   only when it is an ``EnumToken``, otherwise as its length (``Redaction/Reason/freeText``);
/// - a number is bounded to a measure (``GenericNumber``);
/// - an object under a key naming people (``KeyClassifier/Verdict/noMap``) is removed.
/// - **Structure** is kept: arrays stay arrays (same length, redacted elements replaced in
///   place), objects stay objects. Top-level property values are at depth 1; a value deeper than
///   `maximumDepth` is removed from its array or object and counted once as
///   ``Redaction/Reason/depth``, without looking inside it, so a deeper container is left empty.
///
/// Unchanged properties are returned without copying, and key verdicts are cached (bounded), so a
/// typical event costs a few hash lookups and one pass over each string.
///
/// ```swift
/// var report = SanitizerReport()
/// let clean = Sanitizer().sanitize(["feature_name": "export", "email": "a@b.co"], report: &report)
/// // clean == ["feature_name": "export"], report[.sensitiveKey] == 1
/// ```
public struct Sanitizer: Sendable {
    /// Which strings may leave.
    public enum Strings: Sendable {
        /// Any string without a finding (typed events' labels, which the code defines).
        case inspected
        /// Only enum tokens; any other string leaves as its length (generic events).
        case enumTokens
    }

    /// The deepest level at which values are kept; top-level property values are at depth 1.
    public let maximumDepth: Int
    /// The longest string, in Characters, that is sent; longer ones are replaced by their length.
    public let maximumTextLength: Int
    /// Which strings may leave, and whether generic rules for names and numbers apply.
    public let strings: Strings
    private let keys = KeyVerdictCache()

    /// Creates a sanitizer.
    /// - Parameters:
    ///   - maximumDepth: The deepest level at which values are kept, clamped to 1...64 so that
    ///     recursion stays shallow; top-level property values are at depth 1, the values inside
    ///     them at depth 2, and so on.
    ///   - maximumTextLength: The longest string, in Characters, that is sent (at least 0).
    ///   - strings: ``Strings/inspected`` (the default) or the generic events' ``Strings/enumTokens``.
    public init(maximumDepth: Int = 8, maximumTextLength: Int = 200, strings: Strings = .inspected) {
        self.maximumDepth = min(max(1, maximumDepth), 64)
        self.maximumTextLength = max(0, maximumTextLength)
        self.strings = strings
    }

    /// Returns the properties that may leave the process; records every drop and redaction in `report`.
    public func sanitize(
        _ properties: [String: PropertyValue], report: inout SanitizerReport
    ) -> [String: PropertyValue] {
        sanitizedObject(properties, depth: 1, report: &report) ?? properties
    }

    /// Inspects one value (used for typed events' string values as a last line of defence).
    ///
    /// The value is taken as a top-level property value, at depth 1; no key applies to it.
    public func sanitize(value: PropertyValue, report: inout SanitizerReport) -> PropertyValue {
        sanitizedValue(value, depth: 1, hint: .none, report: &report) ?? value
    }

    private var isGeneric: Bool { strings == .enumTokens }

    /// The sanitized form of `value`, or nil when it passes unchanged.
    private func sanitizedValue(
        _ value: PropertyValue, depth: Int, hint: ValueHint, report: inout SanitizerReport
    ) -> PropertyValue? {
        switch value {
        case .null, .bool:
            return nil
        case .int(let number):
            guard isGeneric, !(hint == .productCode && ProductCode.isValid(number)) else { return nil }
            return rounded(value, report: &report)
        case .double:
            return isGeneric ? rounded(value, report: &report) : nil
        case .string(let text):
            return sanitizedText(text, hint: hint, report: &report)
        case .array(let elements):
            return sanitizedArray(elements, depth: depth + 1, hint: hint, report: &report).map(PropertyValue.array)
        case .object(let members):
            return sanitizedObject(members, depth: depth + 1, report: &report).map(PropertyValue.object)
        }
    }

    private func rounded(_ value: PropertyValue, report: inout SanitizerReport) -> PropertyValue? {
        guard let bounded = GenericNumber.bounded(value) else { return nil }
        report.record(.roundedNumber)
        return bounded
    }

    private func sanitizedText(_ text: String, hint: ValueHint, report: inout SanitizerReport) -> PropertyValue? {
        // Characters never outnumber UTF-8 bytes, so only long byte counts need counting Characters.
        if text.utf8.count > maximumTextLength {
            let length = text.count
            if length > maximumTextLength {
                report.record(.longText)
                return .int(length)
            }
        }
        let folded = isGeneric ? TextNormalizer.normalized(text) : text
        let finding = ValueInspector.finding(in: folded)
        // The key says what the value is, and the value proves it (`build: 10.0.19045.2965` is no
        // IP address, `ean: 4006381333931` is no phone number).
        if hint != .none, finding == nil || finding == (hint == .version ? .ipAddress : .phone),
            EnumToken.matchesHint(text, hint)
        {
            return nil
        }
        if let reason = finding {
            report.record(reason)
            return Redaction.placeholder
        }
        guard isGeneric, !EnumToken.matches(text, hint: hint) else { return nil }
        report.record(.freeText)
        return .int(text.count)
    }

    /// The sanitized elements, which sit at `depth`, or nil when all pass unchanged.
    private func sanitizedArray(
        _ elements: [PropertyValue], depth: Int, hint: ValueHint, report: inout SanitizerReport
    ) -> [PropertyValue]? {
        guard !elements.isEmpty else { return nil }
        guard depth <= maximumDepth else {
            report.record(.depth, count: elements.count)
            return []
        }
        var result: [PropertyValue]?
        for index in elements.indices {
            guard let replacement = sanitizedValue(elements[index], depth: depth, hint: hint, report: &report) else {
                continue
            }
            if result == nil { result = elements }
            result![index] = replacement
        }
        return result
    }

    /// The sanitized members, which sit at `depth`, or nil when all pass unchanged.
    private func sanitizedObject(_ members: [String: PropertyValue], depth: Int, report: inout SanitizerReport)
        -> [String: PropertyValue]?
    {
        guard !members.isEmpty else { return nil }
        guard depth <= maximumDepth else {
            report.record(.depth, count: members.count)
            return [:]
        }
        var result: [String: PropertyValue]?
        for (key, value) in members {
            switch verdict(for: key, value: value) {
            case .remove(let reason):
                report.record(reason)
                if result == nil { result = members }
                result!.removeValue(forKey: key)
            case .inspect(let hint):
                guard let replacement = sanitizedValue(value, depth: depth, hint: hint, report: &report) else {
                    continue
                }
                if result == nil { result = members }
                result![key] = replacement
            }
        }
        return result
    }

    private enum MemberVerdict {
        case remove(Redaction.Reason)
        case inspect(ValueHint)
    }

    private func verdict(for key: String, value: PropertyValue) -> MemberVerdict {
        if isGeneric, ReservedNames.contains(key) { return .remove(.reservedName) }
        let assessment = keys.assessment(for: key)
        if assessment.isData { return .remove(isGeneric ? .dataKey : .sensitiveKey) }
        guard assessment.verdict.allows(value) else { return .remove(.sensitiveKey) }
        // An enum-only key (`token_type`) carries a token or nothing: never free text, not even its length.
        if assessment.verdict == .enumOnly, case .string(let text) = value,
            ValueInspector.finding(in: TextNormalizer.normalized(text)) != nil
                || !EnumToken.matches(text, hint: assessment.hint)
        {
            return .remove(.sensitiveKey)
        }
        return .inspect(assessment.hint)
    }
}
