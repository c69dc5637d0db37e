import Foundation
import Testing

@testable import UsageAnalytics

/// Bucketing and variant picks against posthog-python's own consistency vectors, so a flag here
/// answers as it would in PostHog for the same key and distinct id.
@Suite("Flag bucketing matches PostHog")
struct FlagBucketingTests {
    private let local = FlagEvaluator(mode: .local)

    @Test("a 45 % boolean flag answers as posthog-python does for distinct_id_0 ... distinct_id_999")
    func simpleFlagConsistency() {
        let flag = FeatureFlag(id: 1, key: "simple-flag", conditions: [FlagCondition(rolloutPercentage: 45)])
        let answers = PostHogConsistencyVectors.simpleFlag.map { $0 == "1" }
        var mismatches: [Int] = []
        for (index, expected) in answers.enumerated() {
            let result = local.evaluate(flag, distinctID: "distinct_id_\(index)", properties: [:])
            if result?.isEnabled != expected { mismatches.append(index) }
        }
        #expect(answers.count == 1_000)
        #expect(mismatches.isEmpty)
    }

    @Test("a 55 % five-variant flag picks the variant posthog-python picks for each of 1 000 ids")
    func multivariateFlagConsistency() {
        let names = ["first-variant", "second-variant", "third-variant", "fourth-variant", "fifth-variant"]
        let flag = FeatureFlag(
            id: 1, key: "multivariate-flag", conditions: [FlagCondition(rolloutPercentage: 55)],
            variants: zip(names, [50.0, 20, 20, 5, 5]).map { FlagVariant(key: $0, rolloutPercentage: $1) })
        var mismatches: [Int] = []
        for (index, code) in PostHogConsistencyVectors.multivariateFlag.enumerated() {
            let expected: FlagEvaluation.Value = code == "0" ? .disabled : .variant(names[Int(String(code))! - 1])
            let result = local.evaluate(flag, distinctID: "distinct_id_\(index)", properties: [:])
            if result?.value != expected { mismatches.append(index) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("the hash is SHA-1 of key.id+salt, first 15 hex digits over 0xFFFFFFFFFFFFFFF")
    func hashValues() {
        // Computed with posthog-python's `_hash` (feature_flags.py) for the same inputs.
        #expect(FlagBucketing.hash(flagKey: "some-flag", bucketingValue: "some-id") == 0.6418497834834219)
        #expect(FlagBucketing.hash(flagKey: "simple-flag", bucketingValue: "distinct_id_0") == 0.7836963764220432)
        #expect(
            FlagBucketing.hash(flagKey: "simple-flag", bucketingValue: "distinct_id_0", salt: "variant")
                != FlagBucketing.hash(flagKey: "simple-flag", bucketingValue: "distinct_id_0"))
    }

    @Test("0 % releases to nobody in practice and 100 % to everybody")
    func rolloutBounds() {
        let ids = (0..<200).map { "user-\($0)" }
        #expect(
            ids.allSatisfy { FlagBucketing.isWithinRollout(flagKey: "f", bucketingValue: $0, rolloutPercentage: 100) })
        #expect(
            ids.allSatisfy { !FlagBucketing.isWithinRollout(flagKey: "f", bucketingValue: $0, rolloutPercentage: 0) })
    }

    @Test("a condition's variant override wins when it names a variant")
    func variantOverride() {
        let flag = FeatureFlag(
            id: 2, key: "ordering",
            conditions: [
                FlagCondition(properties: [PropertyFilter(key: "plan", value: "pro")], variant: "newest-first"),
                FlagCondition(),
            ],
            variants: [
                FlagVariant(key: "control", rolloutPercentage: 50),
                FlagVariant(key: "newest-first", rolloutPercentage: 50),
            ],
            payloads: ["newest-first": "{\"limit\": 20}"])
        let pro = local.evaluate(flag, distinctID: "t-1", properties: ["plan": "PRO"])
        #expect(pro?.value == .variant("newest-first"))
        #expect(pro?.reason == FlagReason(code: .conditionMatch, conditionIndex: 0))
        #expect(pro?.payload == "{\"limit\": 20}")
        let free = local.evaluate(flag, distinctID: "t-1", properties: ["plan": "free"])
        #expect(free?.reason.conditionIndex == 1)
        #expect(free?.value == FlagBucketing.variant(of: flag, bucketingValue: "t-1").map { .variant($0) })
    }
}
