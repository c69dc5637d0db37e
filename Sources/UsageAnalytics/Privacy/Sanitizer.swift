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
/// - **Numbers, bools and null** are kept as they are.
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
    /// The deepest level at which values are kept; top-level property values are at depth 1.
    public let maximumDepth: Int
    /// The longest string, in Characters, that is sent; longer ones are replaced by their length.
    public let maximumTextLength: Int
    private let keyVerdicts = KeyVerdictCache()

    /// Creates a sanitizer.
    /// - Parameters:
    ///   - maximumDepth: The deepest level at which values are kept, clamped to 1...64 so that
    ///     recursion stays shallow; top-level property values are at depth 1, the values inside
    ///     them at depth 2, and so on.
    ///   - maximumTextLength: The longest string, in Characters, that is sent (at least 0).
    public init(maximumDepth: Int = 8, maximumTextLength: Int = 200) {
        self.maximumDepth = min(max(1, maximumDepth), 64)
        self.maximumTextLength = max(0, maximumTextLength)
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
        sanitizedValue(value, depth: 1, report: &report) ?? value
    }

    /// The sanitized form of `value`, or nil when it passes unchanged.
    private func sanitizedValue(_ value: PropertyValue, depth: Int, report: inout SanitizerReport) -> PropertyValue? {
        switch value {
        case .null, .bool, .int, .double:
            return nil
        case .string(let text):
            return sanitizedText(text, report: &report)
        case .array(let elements):
            return sanitizedArray(elements, depth: depth + 1, report: &report).map(PropertyValue.array)
        case .object(let members):
            return sanitizedObject(members, depth: depth + 1, report: &report).map(PropertyValue.object)
        }
    }

    private func sanitizedText(_ text: String, report: inout SanitizerReport) -> PropertyValue? {
        // Characters never outnumber UTF-8 bytes, so only long byte counts need counting Characters.
        if text.utf8.count > maximumTextLength {
            let length = text.count
            if length > maximumTextLength {
                report.record(.longText)
                return .int(length)
            }
        }
        guard let reason = ValueInspector.finding(in: text) else { return nil }
        report.record(reason)
        return Redaction.placeholder
    }

    /// The sanitized elements, which sit at `depth`, or nil when all pass unchanged.
    private func sanitizedArray(_ elements: [PropertyValue], depth: Int, report: inout SanitizerReport)
        -> [PropertyValue]?
    {
        guard !elements.isEmpty else { return nil }
        guard depth <= maximumDepth else {
            report.record(.depth, count: elements.count)
            return []
        }
        var result: [PropertyValue]?
        for index in elements.indices {
            guard let replacement = sanitizedValue(elements[index], depth: depth, report: &report) else { continue }
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
            let verdict = keyVerdicts.verdict(for: key)
            if !verdict.allows(value) {
                report.record(.sensitiveKey)
                if result == nil { result = members }
                result!.removeValue(forKey: key)
                continue
            }
            // Restricted keys hold only numbers, bools and null here, which need no inspection.
            guard verdict == .harmless, let replacement = sanitizedValue(value, depth: depth, report: &report) else {
                continue
            }
            if result == nil { result = members }
            result![key] = replacement
        }
        return result
    }
}
