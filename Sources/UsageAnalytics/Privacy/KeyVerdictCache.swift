import Synchronization

/// Remembers what a ``Sanitizer`` concluded about the keys it has seen.
///
/// An application sends the same few dozen keys over and over, and splitting a key into words
/// costs far more than one hash lookup. The cache is bounded: once full it stops learning, so
/// dynamic keys cannot grow it without limit; long keys are never cached.
final class KeyVerdictCache: Sendable {
    /// What a key allows, and what it says its value is.
    struct Assessment: Sendable, Equatable {
        var verdict: KeyClassifier.Verdict
        var hint: ValueHint
        /// Whether the key's own text is data (an email, a person's name, an identifier run), so
        /// nothing may be sent under it, not even a bool.
        var isData = false
    }

    private let assessments = Mutex<[String: Assessment]>([:])
    private let capacity: Int
    private static let longestCachedKey = 64

    init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    /// The verdict for `key`, and whether the key's own text is data: it contains personal data, an
    /// identifier run or a person's name.
    func assessment(for key: String) -> Assessment {
        let cacheable = key.utf8.count <= Self.longestCachedKey
        if cacheable, let known = assessments.withLock({ $0[key] }) { return known }
        let words = KeyWords.split(key)
        var assessment = Assessment(verdict: KeyClassifier.classify(key), hint: KeyClassifier.valueHint(words: words))
        // A dynamic key, such as a dictionary keyed by email address or by person, is data itself.
        assessment.isData =
            ValueInspector.finding(in: TextNormalizer.normalized(key)) != nil || DataShape.hasIdentifierRun(key)
            || DataShape.namesPerson(words)
        if cacheable {
            assessments.withLock { cache in
                if cache.count < capacity { cache[key] = assessment }
            }
        }
        return assessment
    }
}
