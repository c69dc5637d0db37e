import Foundation

/// How long a fetched provider document (discovery, JWKS) may be used, from its `Cache-Control` header.
///
/// `max-age` is honoured up to ``maximum``; `no-store`, `no-cache` and `max-age=0` mean "fetch again next
/// time" (still bounded by the caller's minimum refresh interval); a response without the header is kept
/// for the configured default.
enum CacheLifetime {
    /// The longest a document is kept whatever the header says, so that a provider's key rotation is always
    /// seen within a day.
    static let maximum: TimeInterval = 24 * 3_600

    /// The lifetime a response with `cacheControl` gets.
    static func seconds(cacheControl: String?, default defaultLifetime: TimeInterval) -> TimeInterval {
        guard let cacheControl else { return min(defaultLifetime, maximum) }
        var maxAge: TimeInterval?
        for directive in cacheControl.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "no-store", "no-cache": return 0
            case "max-age":
                guard parts.count == 2 else { return 0 }
                let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
                // A malformed max-age makes the response stale (RFC 9111 §4.2.1).
                guard value.utf8.count <= 12, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                    let seconds = Double(value)
                else { return 0 }
                maxAge = seconds
            default: continue
            }
        }
        return min(maxAge ?? defaultLifetime, maximum)
    }
}
