import Foundation
import HummingbirdTesting
import Logging
import Testing
import UsageAnalytics

@testable import UsageCollector

/// A cohort as a flag release condition: accepted by the admin API when the cohort exists, decided by
/// `POST /flags?v=2` from the cohort's members, served as remote-only to local evaluation, and answered through
/// the SDK's `FeatureFlagClient` end to end.
@Suite("Cohort flag conditions", .timeLimit(.minutes(2)))
struct CohortFlagTests {
    static func flag(_ key: String, cohort: Int, operator name: String = "in") -> String {
        #"{"key": "\#(key)", "filters": {"groups": [{"properties": [{"key": "id", "type": "cohort", "value": \#(cohort), "operator": "\#(name)"}], "rollout_percentage": 100}]}}"#
    }

    static func evaluation(_ client: any TestClientProtocol, _ key: String, for distinctID: String) async throws
        -> PropertyValue?
    {
        let response = try await client.evaluateFlags(
            #"{"api_key": "\#(TestCollector.projectKey)", "distinct_id": "\#(distinctID)"}"#)
        #expect(response.status == .ok)
        return response.flagJSON?[member: "flags"]?[member: key]
    }

    @Test("static and behavioural cohort conditions decide /flags?v=2; an unknown cohort is refused")
    func evaluation() async throws {
        try await CohortRoutesTests.withCollector { client in
            let pilots = try await client.createStaticCohort(members: ["tenant-in"])
            let activators = try await client.createCohort(CohortFixtures.behavioural("activate"))
            let created = try await client.flagAdmin(
                FlagFixtures.flagsPath, method: .post, json: Self.flag("pilot-only", cohort: pilots))
            #expect(created.status == .created)
            let condition = created.flagJSON?[member: "filters"]?[member: "groups"]
            #expect(
                condition
                    == [
                        [
                            "properties": [["key": "id", "type": "cohort", "value": .int(pilots), "operator": "in"]],
                            "rollout_percentage": 100, "variant": .null,
                        ]
                    ])
            let quiet = try await client.flagAdmin(
                FlagFixtures.flagsPath, method: .post,
                json: Self.flag("not-activated", cohort: activators, operator: "not_in"))
            #expect(quiet.status == .created)
            let pilot = try await Self.evaluation(client, "pilot-only", for: "tenant-in")
            #expect(pilot?[member: "enabled"] == true)
            #expect(pilot?[member: "reason"]?[member: "code"] == "condition_match")
            let outsider = try await Self.evaluation(client, "pilot-only", for: "tenant-out")
            #expect(outsider?[member: "enabled"] == false)
            #expect(outsider?[member: "reason"]?[member: "code"] == "no_condition_match")
            #expect(try await Self.evaluation(client, "not-activated", for: "u1")?[member: "enabled"] == false)
            #expect(try await Self.evaluation(client, "not-activated", for: "u3")?[member: "enabled"] == true)
            let unknown = try await client.flagAdmin(
                FlagFixtures.flagsPath, method: .post, json: Self.flag("ghost", cohort: 999_999))
            #expect(unknown.status == .badRequest)
            #expect(unknown.flagJSON?[member: "attr"] == "filters.groups[0].properties")
            let malformed = try await client.flagAdmin(
                FlagFixtures.flagsPath, method: .post,
                json:
                    #"{"key": "bad", "filters": {"groups": [{"properties": [{"key": "id", "type": "cohort", "value": "x"}]}]}}"#
            )
            #expect(malformed.status == .badRequest)
            #expect(malformed.flagJSON?[member: "attr"] == "filters.groups[0].properties[0].value")
            // Local evaluation gets the flag with its cohort condition, which the SDK cannot decide itself.
            let definitions = try await client.execute(
                uri: "/api/feature_flag/local_evaluation?token=\(TestCollector.projectKey)", method: .get)
            let parsed = try FlagDefinitions(json: try #require(definitions.flagJSON))
            #expect(parsed.remoteOnlyKeys == ["pilot-only", "not-activated"])
            #expect(parsed.flags.isEmpty)
        }
    }

    @Test("the SDK's FeatureFlagClient asks the collector for a cohort flag and gets the member's answer")
    func featureFlagClient() async throws {
        try await CohortRoutesTests.withCollector { client in
            let pilots = try await client.createStaticCohort(members: ["tenant-in"])
            _ = try await client.flagAdmin(
                FlagFixtures.flagsPath, method: .post, json: Self.flag("pilot-only", cohort: pilots))
            let port = try #require(client.port)
            let flags = FeatureFlagClient(
                host: "http://127.0.0.1:\(port)", apiKey: TestCollector.projectKey, timeout: .seconds(60),
                logger: Logger(label: "cohort-flags"))
            #expect(await flags.refresh() == .updated)
            let member = await flags.evaluate("pilot-only", distinctID: "tenant-in")
            #expect(member?.isEnabled == true)
            #expect(member?.reason.code == .conditionMatch)
            #expect(await flags.evaluate("pilot-only", distinctID: "tenant-out")?.isEnabled == false)
        }
    }
}
