import Testing
import UsageAnalytics

/// Group flags (PostHog's `aggregation_group_type_index`) in the evaluator: bucketing and matching on the
/// group's key and properties, against posthog-python's own test of group flags.
@Suite("Group flags evaluate as PostHog's do")
struct GroupFlagTests {
    /// posthog-python `test_feature_flags.py`, `test_flag_group_properties`: a 35 % flag on companies
    /// named "Project Name 1", with `group_type_mapping` `{"0": "company", "1": "project"}`.
    static let postHogGroupFlag = FeatureFlag(
        id: 1, key: "group-flag",
        conditions: [
            FlagCondition(properties: [PropertyFilter(key: "name", value: ["Project Name 1"])], rolloutPercentage: 35)
        ],
        aggregationGroupTypeIndex: 0)
    static let postHogMapping = ["0": "company", "1": "project"]

    private func evaluate(
        _ mode: FlagEvaluator.Mode, distinctID: String, groups: [String: String], name: String
    ) -> FlagEvaluation? {
        FlagEvaluator(mode: mode).evaluate(
            Self.postHogGroupFlag,
            for: FlagSubject(
                distinctID: distinctID, groups: groups, groupProperties: ["company": ["name": .string(name)]]),
            groupTypeMapping: Self.postHogMapping)
    }

    @Test("posthog-python's group flag answers: on for amazon_without_rollout, out of rollout for amazon")
    func postHogVector() {
        let good = evaluate(
            .local, distinctID: "some-distinct-id", groups: ["company": "amazon_without_rollout"],
            name: "Project Name 1")
        #expect(good?.isEnabled == true)
        let rollout = evaluate(
            .local, distinctID: "some-distinct-id", groups: ["company": "amazon"], name: "Project Name 1")
        #expect(rollout?.isEnabled == false)
        #expect(rollout?.reason.code == .outOfRolloutBound)
        let mismatch = evaluate(
            .local, distinctID: "some-distinct-2", groups: ["company": "amazon_without_rollout"], name: "Project Name 2"
        )
        #expect(mismatch?.isEnabled == false)
        #expect(mismatch?.reason.code == .noConditionMatch)
    }

    @Test("without the flag's group, local evaluation defers to the collector, which answers off: no_group_type")
    func missingGroup() {
        #expect(evaluate(.local, distinctID: "some-distinct-id", groups: [:], name: "Project Name 1") == nil)
        #expect(
            evaluate(.local, distinctID: "some-distinct-id", groups: ["project": "x"], name: "Project Name 1") == nil)
        let server = evaluate(.server, distinctID: "some-distinct-id", groups: [:], name: "Project Name 1")
        #expect(server?.isEnabled == false)
        #expect(server?.reason.code == .noGroupType)
        let unmapped = FlagEvaluator(mode: .server).evaluate(
            Self.postHogGroupFlag, for: FlagSubject(distinctID: "a", groups: ["company": "amazon_without_rollout"]),
            groupTypeMapping: [:])
        #expect(unmapped?.reason.code == .noGroupType)
    }

    @Test("the group key buckets by PostHog's SHA-1 rule, the same for every distinct id of the group")
    func bucketsOnGroupKey() {
        let flag = FeatureFlag(
            id: 2, key: "tenant-rollout", conditions: [FlagCondition(rolloutPercentage: 30)],
            variants: [
                FlagVariant(key: "control", rolloutPercentage: 50), FlagVariant(key: "test", rolloutPercentage: 50),
            ],
            aggregationGroupTypeIndex: FlagGroupType.tenantIndex)
        var mismatches: [String] = []
        for index in 0..<300 {
            let tenant = "tenant-key-\(index)"
            let isIn = FlagBucketing.hash(flagKey: flag.key, bucketingValue: tenant) <= 0.3
            let expected: FlagEvaluation.Value =
                isIn ? .variant(FlagBucketing.variant(of: flag, bucketingValue: tenant) ?? "") : .disabled
            for distinctID in ["u_1", "u_2"] {
                let result = FlagEvaluator(mode: .local).evaluate(
                    flag, for: FlagSubject(distinctID: distinctID, groups: [FlagGroupType.tenant: tenant]),
                    groupTypeMapping: FlagGroupType.collectorMapping)
                if result?.value != expected { mismatches.append(tenant) }
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("$group_key is a group property, as in PostHog; a flag per person ignores groups")
    func groupKeyProperty() {
        let byKey = FeatureFlag(
            id: 3, key: "pilot-tenants",
            conditions: [FlagCondition(properties: [PropertyFilter(key: "$group_key", value: ["t-1", "t-2"])])],
            aggregationGroupTypeIndex: 0)
        let evaluator = FlagEvaluator(mode: .local)
        let pilot = evaluator.evaluate(
            byKey, for: FlagSubject(distinctID: "u", groups: ["tenant": "t-2"]), groupTypeMapping: ["0": "tenant"])
        let other = evaluator.evaluate(
            byKey, for: FlagSubject(distinctID: "u", groups: ["tenant": "t-3"]), groupTypeMapping: ["0": "tenant"])
        #expect(pilot?.isEnabled == true)
        #expect(other?.isEnabled == false)
        let perPerson = FeatureFlag(id: 4, key: "everyone", conditions: [FlagCondition()])
        let person = evaluator.evaluate(
            perPerson, for: FlagSubject(distinctID: "u", groups: [:]), groupTypeMapping: [:])
        #expect(person?.isEnabled == true)
    }
}
