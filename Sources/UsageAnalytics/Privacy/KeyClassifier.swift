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
/// - A sensitive key whose last word names a feature or setting of the thing (`token_type`,
///   `email_template`, `cookie_consent`, `name_format`) is **enum only**: it may carry an enum token,
///   a number or a bool, never the thing itself.
/// - A key that is just a person reference (`user`, `owner`, `client`), or that ends in an action
///   done by or to a person (`created_by`, `assigned_to`, `shared_with`), is **flag only**: kept
///   when its value is a bool or null; a plural reference (`users`) is measure only.
/// - A key whose last word is a person (`tenant`, `people`) may not carry an object: its keys
///   would be people.
/// - Words are also read with digits spelled as letters (`passw0rd`, `em4il`), and unknown words
///   are split into two known ones (`useremail`, `customerphone`, `tenantid`).
/// - A bool can carry no personal data: every verdict allows bools and null.
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
        /// Bools and null only: the property is dropped otherwise.
        case sensitive
        /// Numbers, bools and null only.
        case measureOnly
        /// Bools and null only.
        case flagOnly
        /// Enum tokens (checked by the sanitizer), numbers, bools and null; never a list or an object.
        case enumOnly
        /// Anything but an object.
        case noMap

        /// Whether `value` may be sent under a key with this verdict (strings under ``enumOnly`` are
        /// further checked to be enum tokens).
        public func allows(_ value: PropertyValue) -> Bool {
            switch (self, value) {
            case (_, .null), (_, .bool): true
            case (.harmless, _): true
            case (.noMap, .object): false
            case (.noMap, _): true
            case (.measureOnly, .int), (.measureOnly, .double): true
            case (.enumOnly, .int), (.enumOnly, .double), (.enumOnly, .string): true
            default: false
            }
        }

        /// How much the verdict withholds, to pick the stricter of two readings of a key.
        var strictness: Int {
            switch self {
            case .harmless: 0
            case .noMap: 1
            case .enumOnly: 2
            case .measureOnly: 3
            case .flagOnly: 4
            case .sensitive: 5
            }
        }
    }

    /// Whether a property named `key` must never carry more than a bool.
    ///
    /// Keys that are merely restricted (``Verdict/measureOnly``, ``Verdict/flagOnly``) are not
    /// sensitive: `email_count` may carry a number.
    public static func isSensitive(_ key: String) -> Bool {
        classify(key) == .sensitive
    }

    /// Classifies a property key, as written and with digits read as letters (`passw0rd`).
    public static func classify(_ key: String) -> Verdict {
        let verdict = classify(words: KeyWords.split(key))
        guard verdict != .sensitive, let spelled = LeetSpelling.letters(in: key) else { return verdict }
        let alternative = classify(words: KeyWords.split(spelled))
        return alternative.strictness > verdict.strictness ? alternative : verdict
    }

    /// The kind of value the key says it holds, which lets some values pass that would otherwise
    /// look like identifiers (`build: 10.0.19045.2965`, `isbn: 978-3-16-148410-0`).
    ///
    /// Only the key's last word names what the value is, past generic tails such as `number`, `code` or
    /// digits (`build_number`, `ean_code`, `isbn13`): `app_version` holds a version, but
    /// `event_version_count_hidden` does not, and a dotted quad under it is read as an IP address.
    static func valueHint(words: [String]) -> ValueHint {
        guard
            let last = words.last(where: { word in
                !genericTails.contains(word) && !word.utf8.allSatisfy { (48...57).contains($0) }
            })
        else { return .none }
        let traits = KeyVocabulary.traits(of: last)
        if traits.contains(.version) { return .version }
        if traits.contains(.productCode) { return .productCode }
        return .none
    }

    /// Words that end a key without saying what its value is.
    private static let genericTails: Set<String> = ["number", "num", "no", "nr", "code", "string", "str", "value"]

    static func classify(words: [String]) -> Verdict {
        guard let last = words.indices.last else { return .harmless }
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

            // `created_by`, `assigned_to`: the value is whoever did or received the action.
            if last > 0, personSuffixes.contains(words[last]), traits[last - 1].contains(.personAction) {
                return .flagOnly
            }
            var sensitive = false
            var personBefore = false
            for index in words.indices where !sensitive {
                sensitive = isSensitiveWord(at: index, words: words, traits: traits, mentionsPerson: mentionsPerson)
                if traits[index].contains(.naming), personBefore { sensitive = true }
                if !traits[index].intersection([.person, .bareReference]).isEmpty { personBefore = true }
            }
            if sensitive {
                if hasMeasure { return .measureOnly }
                let lastIsSensitiveItself = traits[last].contains(.sensitive) || traits[last].contains(.name)
                return traits[last].contains(.qualifier) && !lastIsSensitiveItself ? .enumOnly : .sensitive
            }
            // A key naming a person (`owner`, `primary_contact`, `assigned_technician`) may say how
            // many or whether, never who.
            guard !traits[last].intersection([.person, .bareReference]).isEmpty else { return .harmless }
            if !hasMeasure, traits[last].contains(.bareReference) {
                return traits[last].contains(.plural) ? .measureOnly : .flagOnly
            }
            return .noMap
        }
    }

    private static let personSuffixes: Set<String> = ["by", "to", "with", "for", "from"]

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
            // Three words read as one: `mot_de_passe`, `date_of_birth`.
            if index > 1, words[index - 2].utf8.count + previous.utf8.count + word.utf8.count <= 24,
                KeyVocabulary.traits(of: words[index - 2] + previous + word).contains(.sensitive)
            {
                return true
            }
        }
        if wordTraits.isEmpty { return isSensitiveCompound(word) }
        return false
    }

    /// Unknown single words such as `useremail`, `customername` or `tenantid`: two known words
    /// glued together that read as sensitive.
    private static func isSensitiveCompound(_ word: String) -> Bool {
        let characters = Array(word)
        guard characters.count >= 5, characters.count <= 32 else { return false }
        for split in 2...(characters.count - 2) {
            let left = String(characters[..<split])
            let right = String(characters[split...])
            guard !KeyVocabulary.traits(of: left).isEmpty, !KeyVocabulary.traits(of: right).isEmpty else { continue }
            if classify(words: [left, right]) == .sensitive { return true }
        }
        return false
    }
}

/// What a key says its value is, when that changes how the value is read.
enum ValueHint: Sendable {
    case none
    /// A version or build number: dotted numbers are versions, not IP addresses.
    case version
    /// A product code (ISBN, EAN, GTIN, UPC): a number passing its check digit is a product code.
    case productCode
}
