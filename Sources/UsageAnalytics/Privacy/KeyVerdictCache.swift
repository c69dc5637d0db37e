import Synchronization

/// Remembers the verdicts of the keys a ``Sanitizer`` has seen.
///
/// An application sends the same few dozen keys over and over, and splitting a key into words
/// costs far more than one hash lookup. The cache is bounded: once full it stops learning, so
/// dynamic keys cannot grow it without limit; long keys are never cached.
final class KeyVerdictCache: Sendable {
    private let verdicts = Mutex<[String: KeyClassifier.Verdict]>([:])
    private let capacity: Int
    private static let longestCachedKey = 64

    init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    /// The verdict for `key`, including whether the key's own text contains personal data (then
    /// ``KeyClassifier/Verdict/sensitive``).
    func verdict(for key: String) -> KeyClassifier.Verdict {
        let cacheable = key.utf8.count <= Self.longestCachedKey
        if cacheable, let known = verdicts.withLock({ $0[key] }) { return known }
        var verdict = KeyClassifier.classify(key)
        // A dynamic key, such as a dictionary keyed by email address, can be personal data itself.
        if verdict != .sensitive, ValueInspector.finding(in: key) != nil { verdict = .sensitive }
        if cacheable {
            verdicts.withLock { cache in
                if cache.count < capacity { cache[key] = verdict }
            }
        }
        return verdict
    }
}
