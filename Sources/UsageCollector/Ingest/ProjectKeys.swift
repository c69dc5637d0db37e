/// The project keys a collector accepts, matched in constant time.
struct ProjectKeys: Sendable {
    let keys: [String]

    /// The configured key equal to `candidate`, or nil. Every configured key is compared in full, so the
    /// time taken does not reveal how much of a key was right.
    func match(_ candidate: String) -> String? {
        var found: String?
        for key in self.keys where SecretComparison.equals(candidate, key) {
            found = key
        }
        return found
    }
}
