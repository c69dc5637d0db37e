import Testing
import UsageAnalytics

/// PostHog's cohort filter in a release condition: parsed and written back in its shape, undecidable in an
/// SDK, decided by the collector from the memberships it passes.
@Suite("Cohort flag conditions")
struct CohortConditionTests {
    static let json: PropertyValue = [
        "id": 3, "key": "pilot", "active": true,
        "filters": [
            "groups": [
                [
                    "properties": [
                        ["key": "plan", "operator": "exact", "value": "pro", "type": "person"],
                        ["key": "id", "type": "cohort", "value": 12],
                    ],
                    "rollout_percentage": 100,
                ],
                ["properties": [["key": "id", "type": "cohort", "value": "7", "operator": "not_in"]]],
            ]
        ],
    ]

    @Test("cohort filters parse beside person filters and are written back as PostHog's cohort filters")
    func roundTrip() throws {
        let flag = try FeatureFlag(json: Self.json)
        #expect(flag.conditions[0].cohorts == [CohortFilter(cohortID: 12)])
        #expect(flag.conditions[0].properties.map(\.key) == ["plan"])
        #expect(flag.conditions[1].cohorts == [CohortFilter(cohortID: 7, negated: true)])
        #expect(flag.cohortIDs == [7, 12])
        #expect(try FeatureFlag(json: flag.json) == flag)
    }

    @Test("an SDK cannot decide a cohort condition; the collector decides it from the person's cohorts")
    func evaluation() throws {
        let flag = try FeatureFlag(json: Self.json)
        let local = FlagEvaluator(mode: .local)
        #expect(local.evaluate(flag, distinctID: "t1", properties: ["plan": "pro"]) == nil)
        let server = FlagEvaluator(mode: .server)
        let member = server.evaluate(flag, distinctID: "t1", properties: ["plan": "pro"], cohorts: [12, 7])
        #expect(member?.isEnabled == true && member?.reason.conditionIndex == 0)
        // Not in 12: the first group fails; not in 7 either: the second (not_in 7) takes them.
        let outsider = server.evaluate(flag, distinctID: "t1", properties: ["plan": "pro"], cohorts: [])
        #expect(outsider?.isEnabled == true && outsider?.reason.conditionIndex == 1)
        let neither = server.evaluate(flag, distinctID: "t1", properties: ["plan": "free"], cohorts: [7])
        #expect(neither?.isEnabled == false && neither?.reason.code == .noConditionMatch)
    }

    @Test(
        "malformed cohort filters name the field",
        arguments: [
            (#"{"key": "email", "type": "cohort", "value": 1}"#, "filters.groups[0].properties[0].key"),
            (#"{"key": "id", "type": "cohort", "value": "x"}"#, "filters.groups[0].properties[0].value"),
            (#"{"key": "id", "type": "cohort", "value": 0}"#, "filters.groups[0].properties[0].value"),
            (
                #"{"key": "id", "type": "cohort", "value": 1, "operator": "regex"}"#,
                "filters.groups[0].properties[0].operator"
            ),
        ])
    func malformed(_ filter: String, _ field: String) throws {
        let json = #"{"key": "f", "filters": {"groups": [{"properties": [\#(filter)]}]}}"#
        let value = try PropertyValue(json: Array(json.utf8))
        #expect {
            try FeatureFlag(json: value)
        } throws: { error in
            (error as? FlagDefinitionError)?.field == field
        }
    }
}
