import Testing

@testable import UsageAnalytics

/// Reading and writing PostHog's flag definition JSON, and refusing bad definitions by field.
@Suite("Flag definition JSON")
struct FlagDefinitionJSONTests {
    private func json(_ text: String) throws -> PropertyValue { try PropertyValue(json: Array(text.utf8)) }

    private func refusal(_ text: String) throws -> FlagDefinitionError? {
        do {
            _ = try FeatureFlag(json: try json(text))
            return nil
        } catch let error as FlagDefinitionError {
            return error
        }
    }

    @Test("PostHog's local-evaluation document decodes with its group type mapping; cohort flags become remote-only")
    func definitionsDocument() throws {
        // Shape as served by PostHog's /api/feature_flag/local_evaluation (posthog-python test fixtures).
        let document = try json(
            #"""
            {"flags": [
              {"id": 1, "name": "Beta Feature", "key": "beta-feature", "active": true, "is_simple_flag": false,
               "rollout_percentage": 100,
               "filters": {"groups": [{"properties": [{"key": "region", "operator": "exact", "value": ["USA"],
                                                        "type": "person"}],
                                       "rollout_percentage": 100}],
                           "payloads": {"true": "{\"a\": 1}"}}},
              {"id": 2, "key": "cohort-flag", "active": true,
               "filters": {"groups": [{"properties": [{"key": "id", "value": 98, "type": "cohort"}]}]}},
              {"id": 3, "key": "group-flag", "active": true,
               "filters": {"aggregation_group_type_index": 0,
                           "groups": [{"properties": [{"key": "name", "operator": "exact", "value": ["Project Name 1"],
                                                       "type": "group", "group_type_index": 0}],
                                       "rollout_percentage": 35}]}}
             ],
             "group_type_mapping": {"0": "company"}, "cohorts": {}}
            """#)
        let definitions = try FlagDefinitions(json: document)
        #expect(definitions.flags.keys.sorted() == ["beta-feature", "group-flag"])
        #expect(definitions.remoteOnlyKeys == ["cohort-flag"])
        #expect(definitions.groupTypeMapping == ["0": "company"])
        #expect(definitions.flags["group-flag"]?.aggregationGroupTypeIndex == 0)
        #expect(definitions.flags["group-flag"]?.conditions.first?.properties.map(\.key) == ["name"])
        let flag = try #require(definitions.flags["beta-feature"])
        #expect(
            flag.conditions == [
                FlagCondition(properties: [PropertyFilter(key: "region", value: ["USA"])], rolloutPercentage: 100)
            ])
        #expect(flag.payloads == ["true": "{\"a\": 1}"])
        let usa = FlagEvaluator(mode: .local).evaluate(flag, distinctID: "a", properties: ["region": "usa"])
        #expect(usa?.isEnabled == true && usa?.payload == "{\"a\": 1}")
    }

    @Test("a flag written to JSON reads back equal")
    func roundTrip() throws {
        let flag = FeatureFlag(
            id: 9, key: "ticket-ordering", name: "Ticket order", active: false, version: 4,
            conditions: [
                FlagCondition(
                    properties: [PropertyFilter(key: "seats", operator: .greaterThanOrEqual, value: 10)],
                    rolloutPercentage: 12.5, variant: "newest")
            ],
            variants: [
                FlagVariant(key: "oldest", rolloutPercentage: 50), FlagVariant(key: "newest", rolloutPercentage: 50),
            ],
            payloads: ["newest": ["limit": 20]])
        let text = flag.json.jsonBytes()
        #expect(try FeatureFlag(json: PropertyValue(json: text)) == flag)
    }

    @Test("a tenant-aggregated flag writes PostHog's group shape and reads back equal")
    func groupFlagRoundTrip() throws {
        let flag = FeatureFlag(
            id: 3, key: "search-ranking",
            conditions: [FlagCondition(properties: [PropertyFilter(key: "seats", value: 10)], rolloutPercentage: 50)],
            aggregationGroupTypeIndex: FlagGroupType.tenantIndex)
        let json = flag.json
        #expect(json[member: "filters"]?[member: "aggregation_group_type_index"] == 0)
        let filter = json[member: "filters"]?[member: "groups"].flatMap { groups -> PropertyValue? in
            guard case .array(let list) = groups, case .array(let filters)? = list.first?[member: "properties"] else {
                return nil
            }
            return filters.first
        }
        #expect(filter?[member: "type"] == "group")
        #expect(filter?[member: "group_type_index"] == 0)
        #expect(try FeatureFlag(json: PropertyValue(json: json.jsonBytes())) == flag)
    }

    @Test(
        "bad definitions are refused with the field named",
        arguments: [
            (#"[]"#, "flag"),
            (#"{"id": 1}"#, "key"),
            (#"{"key": "has space"}"#, "key"),
            (#"{"key": "k", "active": "yes"}"#, "active"),
            (
                #"{"key": "k", "filters": {"groups": [{"rollout_percentage": 101}]}}"#,
                "filters.groups[0].rollout_percentage"
            ),
            (
                #"{"key": "k", "filters": {"groups": [{"rollout_percentage": "50"}]}}"#,
                "filters.groups[0].rollout_percentage"
            ),
            (
                #"{"key": "k", "filters": {"groups": [{"properties": [{"key": "a", "operator": "semver_gt"}]}]}}"#,
                "filters.groups[0].properties[0].operator"
            ),
            (
                #"{"key": "k", "filters": {"groups": [{"properties": [{"key": "a", "operator": "regex", "value": "(("}]}]}}"#,
                "filters.groups[0].properties[0].value"
            ),
            (
                #"{"key": "k", "filters": {"multivariate": {"variants": [{"key": "a", "rollout_percentage": 60}, {"key": "b", "rollout_percentage": 30}]}}}"#,
                "filters.multivariate.variants"
            ),
            (
                #"{"key": "k", "filters": {"multivariate": {"variants": [{"key": "a", "rollout_percentage": 50}, {"key": "a", "rollout_percentage": 50}]}}}"#,
                "filters.multivariate.variants"
            ),
            (#"{"key": "k", "filters": {"groups": [{"variant": "nope"}]}}"#, "filters.groups[0].variant"),
            (#"{"key": "k", "filters": {"payloads": {"other": 1}}}"#, "filters.payloads"),
            (#"{"key": "k", "filters": {"aggregation_group_type_index": 5}}"#, "filters.aggregation_group_type_index"),
            (
                #"{"key": "k", "filters": {"aggregation_group_type_index": "0"}}"#,
                "filters.aggregation_group_type_index"
            ),
            (
                #"{"key": "k", "filters": {"aggregation_group_type_index": 0, "groups": [{"properties": [{"key": "plan", "type": "person"}]}]}}"#,
                "filters.groups[0].properties[0].type"
            ),
            (
                #"{"key": "k", "filters": {"groups": [{"properties": [{"key": "plan", "type": "group"}]}]}}"#,
                "filters.groups[0].properties[0].type"
            ),
        ])
    func refusals(text: String, field: String) throws {
        #expect(try refusal(text)?.field == field)
    }

    @Test("oversized input is refused rather than stored")
    func oversized() throws {
        let longKey = String(repeating: "k", count: 401)
        #expect(try refusal(#"{"key": "\#(longKey)"}"#)?.field == "key")
        let groups = Array(repeating: "{}", count: 101).joined(separator: ",")
        #expect(try refusal(#"{"key": "k", "filters": {"groups": [\#(groups)]}}"#)?.field == "filters.groups")
        let longValue = String(repeating: "v", count: 1_001)
        #expect(
            try refusal(
                #"{"key": "k", "filters": {"groups": [{"properties": [{"key": "a", "value": "\#(longValue)"}]}]}}"#)?
                .field == "filters.groups[0].properties[0].value")
    }
}
