/// Decides whether a property key names personal data, by its words rather than substrings.
///
/// Keys are split into words (see ``KeyWords``), so `capacity` is not `city` and `tokens_used`
/// is a measure of tokens, not a token.
///
/// - A key is **sensitive** when a word, or two adjacent words read as one (`e-mail`,
///   `pass_word`, `credit_card`, `api_key`, `user_agent`), names personal data or a credential;
///   when `name` stands alone or follows anything but a technical word (`first_name`,
///   `customer_name`, `plan_nickname`; but `metric_name`, `host_name` are fine unless a person
///   word appears elsewhere in the key); or when an identifier (`id`, `number`, `code`) follows a
///   person or document word (`user_id`, `tax_id`, `card_number`, `invoice_number`).
/// - A sensitive key that also has a measure word (`email_count`, `address_length`,
///   `has_password`, `is_phone_verified`, `tokens_used`) is **measure only**: kept when its value
///   is a number, a bool or null, dropped otherwise.
/// - A key that is just a person reference (`user`, `owner`, `client`) is **flag only**: kept
///   when its value is a bool or null; its plural (`users`) is measure only.
///
/// ```swift
/// KeyClassifier.isSensitive("emailAddress")  // true
/// KeyClassifier.classify("email_count")      // .measureOnly
/// KeyClassifier.isSensitive("metric_name")   // false
/// ```
public enum KeyClassifier {
    /// What may be sent under a key.
    public enum Verdict: Sendable, Hashable {
        /// Any value, inspected as usual.
        case harmless
        /// Nothing: the property is dropped.
        case sensitive
        /// Numbers, bools and null only.
        case measureOnly
        /// Bools and null only.
        case flagOnly

        /// Whether `value` may be sent under a key with this verdict.
        public func allows(_ value: PropertyValue) -> Bool {
            switch (self, value) {
            case (.harmless, _): true
            case (.sensitive, _): false
            case (_, .null), (_, .bool): true
            case (.measureOnly, .int), (.measureOnly, .double): true
            default: false
            }
        }
    }

    /// Whether a property named `key` must never be sent, whatever its value.
    ///
    /// Keys that are merely restricted (``Verdict/measureOnly``, ``Verdict/flagOnly``) are not
    /// sensitive: `email_count` may carry a number.
    public static func isSensitive(_ key: String) -> Bool {
        classify(key) == .sensitive
    }

    /// Classifies a property key.
    public static func classify(_ key: String) -> Verdict {
        classify(words: KeyWords.split(key))
    }

    static func classify(words: [String]) -> Verdict {
        guard !words.isEmpty else { return .harmless }
        return withUnsafeTemporaryAllocation(of: KeyVocabulary.Traits.self, capacity: words.count) { traits in
            var mentionsPerson = false
            var hasMeasure = false
            for (index, word) in words.enumerated() {
                let wordTraits = KeyVocabulary.traits(of: word)
                traits.initializeElement(at: index, to: wordTraits)
                if wordTraits.contains(.person) { mentionsPerson = true }
                if wordTraits.contains(.measure) { hasMeasure = true }
            }
            defer { traits.deinitialize() }

            var sensitive = false
            for index in words.indices where !sensitive {
                sensitive = isSensitiveWord(at: index, words: words, traits: traits, mentionsPerson: mentionsPerson)
            }
            if sensitive { return hasMeasure ? .measureOnly : .sensitive }
            // A key naming a person (`owner`, `primary_contact`, `assigned_technician`) may say how
            // many or whether, never who.
            if !hasMeasure, let last = words.indices.last, traits[last].contains(.bareReference) {
                return traits[last].contains(.plural) ? .measureOnly : .flagOnly
            }
            return .harmless
        }
    }

    private static func isSensitiveWord(
        at index: Int,
        words: [String],
        traits: UnsafeMutableBufferPointer<KeyVocabulary.Traits>,
        mentionsPerson: Bool
    ) -> Bool {
        let word = words[index]
        let wordTraits = traits[index]
        if wordTraits.contains(.sensitive) { return true }
        if wordTraits.contains(.name) {
            guard index > 0 else { return true }
            return !traits[index - 1].contains(.technical) || mentionsPerson
        }
        if index > 0 {
            if wordTraits.contains(.identifier), traits[index - 1].contains(.identityQualifier) { return true }
            let previous = words[index - 1]
            if previous.utf8.count + word.utf8.count <= 24,
                KeyVocabulary.traits(of: previous + word).contains(.sensitive)
            {
                return true
            }
        }
        if wordTraits.isEmpty { return isPersonalCompound(word) }
        return false
    }

    /// Unknown single words such as `customername` or `tenantid`: a person or document word glued
    /// to `name` or `id`.
    private static func isPersonalCompound(_ word: String) -> Bool {
        let length = word.utf8.count
        if length > 4, word.hasSuffix("name") {
            return KeyVocabulary.traits(of: String(word.dropLast(4))).contains(.person)
        }
        for suffix in ["id", "ids"] where length > suffix.utf8.count + 1 && word.hasSuffix(suffix) {
            if KeyVocabulary.traits(of: String(word.dropLast(suffix.count))).contains(.identityQualifier) {
                return true
            }
        }
        return false
    }
}
