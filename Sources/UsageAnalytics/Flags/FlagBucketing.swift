import Crypto

/// PostHog's deterministic bucketing: where a distinct id falls in 0..<1 for a flag.
///
/// Same inputs, same answer as PostHog's SDKs and server: SHA-1 of `"<flag key>.<distinct id><salt>"`,
/// the first 15 hex digits read as an integer and divided by `0xFFFFFFFFFFFFFFF`
/// (posthog-python `feature_flags.py`, `_hash`). Rollout uses no salt; the variant pick uses `"variant"`.
/// Pure: no clock, no I/O.
public enum FlagBucketing {
    private static let longScale = Double(0xFFF_FFFF_FFFF_FFFF as UInt64)

    /// The position of `bucketingValue` for `flagKey`, in 0...1.
    public static func hash(flagKey: String, bucketingValue: String, salt: String = "") -> Double {
        let digest = Insecure.SHA1.hash(data: Array("\(flagKey).\(bucketingValue)\(salt)".utf8))
        // 15 hex digits are 60 bits: the first 7 bytes and the high nibble of the eighth.
        var prefix: UInt64 = 0
        for (index, byte) in digest.prefix(8).enumerated() {
            prefix = index < 7 ? prefix << 8 | UInt64(byte) : prefix << 4 | UInt64(byte >> 4)
        }
        return Double(prefix) / longScale
    }

    /// Whether a condition with `rolloutPercentage` releases to `bucketingValue`.
    ///
    /// PostHog excludes when the hash is strictly greater than the share, so 0 % still admits a hash of exactly 0.
    public static func isWithinRollout(flagKey: String, bucketingValue: String, rolloutPercentage: Double?) -> Bool {
        guard let rolloutPercentage else { return true }
        return hash(flagKey: flagKey, bucketingValue: bucketingValue) <= rolloutPercentage / 100
    }

    /// The variant `bucketingValue` falls in, from PostHog's lookup table of cumulative ranges.
    ///
    /// The ranges are summed in the same order and precision as posthog-python's
    /// `variant_lookup_table`, so boundaries agree to the last bit.
    public static func variant(of flag: FeatureFlag, bucketingValue: String) -> String? {
        let position = hash(flagKey: flag.key, bucketingValue: bucketingValue, salt: "variant")
        var lowerBound = 0.0
        for variant in flag.variants {
            let upperBound = lowerBound + variant.rolloutPercentage / 100
            if position >= lowerBound && position < upperBound { return variant.key }
            lowerBound = upperBound
        }
        return nil
    }
}
