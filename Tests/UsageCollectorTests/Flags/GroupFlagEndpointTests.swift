import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UsageAnalytics

@testable import UsageCollector

/// Tenant-aggregated (group) flags at the collector: `/flags?v=2` buckets on `groups.tenant`, the admin API
/// takes only the tenant group type, and an edit is seen by the very next request despite the cache.
@Suite("Group flag endpoints", .timeLimit(.minutes(2)))
struct GroupFlagEndpointTests {
    /// Half of the tenants with at least 10 seats.
    static let perTenant = #"""
        {"key": "tenant-rollout", "filters": {"aggregation_group_type_index": 0,
         "groups": [{"properties": [{"key": "seats", "operator": "gte", "value": 10, "type": "group",
                                     "group_type_index": 0}],
                     "rollout_percentage": 50}]}}
        """#

    private static func withGroupFlag(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let created = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: Self.perTenant)
            #expect(created.status == .created)
            #expect(created.flagJSON?[member: "filters"]?[member: "aggregation_group_type_index"] == 0)
            try await body(client)
        }
    }

    private static func answer(
        _ client: any TestClientProtocol, distinctID: String, groups: String, groupProperties: String = "{}"
    ) async throws -> PropertyValue? {
        let response = try await client.evaluateFlags(
            #"{"token": "\#(TestCollector.projectKey)", "distinct_id": "\#(distinctID)", "groups": \#(groups), "#
                + #""group_properties": \#(groupProperties)}"#)
        #expect(response.status == .ok)
        return response.flagJSON?[member: "flags"]?[member: "tenant-rollout"]
    }

    @Test("the tenant's group key buckets, whoever asks; PostHog's SHA-1 rule on the group key decides")
    func bucketsOnGroupKey() async throws {
        try await Self.withGroupFlag { client in
            var enabledCount = 0
            for index in 0..<20 {
                let tenant = "9c1e\(index)"
                let expected = FlagBucketing.hash(flagKey: "tenant-rollout", bucketingValue: tenant) <= 0.5
                for distinctID in ["u_alice", "u_bob"] {
                    let flag = try await Self.answer(
                        client, distinctID: distinctID, groups: #"{"tenant": "\#(tenant)"}"#,
                        groupProperties: #"{"tenant": {"seats": 12}}"#)
                    #expect(flag?[member: "enabled"] == .bool(expected), "\(tenant)")
                }
                if expected { enabledCount += 1 }
            }
            #expect(enabledCount > 0 && enabledCount < 20)
        }
    }

    @Test("without the tenant group the flag is off with no_group_type; a group property mismatch is no match")
    func missingGroup() async throws {
        try await Self.withGroupFlag { client in
            let noGroup = try await Self.answer(client, distinctID: "u_alice", groups: "{}")
            #expect(noGroup?[member: "enabled"] == false)
            #expect(noGroup?[member: "reason"]?[member: "code"] == "no_group_type")
            let otherType = try await Self.answer(client, distinctID: "u_alice", groups: #"{"company": "acme"}"#)
            #expect(otherType?[member: "reason"]?[member: "code"] == "no_group_type")
            let small = try await Self.answer(
                client, distinctID: "u_alice", groups: #"{"tenant": "9c1e0"}"#,
                groupProperties: #"{"tenant": {"seats": 3}}"#)
            #expect(small?[member: "enabled"] == false)
            #expect(small?[member: "reason"]?[member: "code"] == "no_condition_match")
        }
    }

    @Test("an edit through the admin API is seen by the next /flags request and the next definitions poll")
    func editSeenAtOnce() async throws {
        try await Self.withGroupFlag { client in
            let everyone = #"{"filters": {"aggregation_group_type_index": 0, "groups": [{"rollout_percentage": 100}]}}"#
            let before = try await Self.answer(client, distinctID: "u_alice", groups: #"{"tenant": "9c1e1"}"#)
            #expect(before?[member: "enabled"] == false)
            let edited = try await client.flagAdmin(FlagFixtures.flagsPath + "/1", method: .patch, json: everyone)
            #expect(edited.status == .ok)
            let after = try await Self.answer(client, distinctID: "u_alice", groups: #"{"tenant": "9c1e1"}"#)
            #expect(after?[member: "enabled"] == true)
            let archived = try await client.flagAdmin(FlagFixtures.flagsPath + "/1", method: .delete)
            #expect(archived.status == .ok)
            #expect(try await Self.answer(client, distinctID: "u_alice", groups: #"{"tenant": "9c1e1"}"#) == nil)
            let definitions = try await client.execute(
                uri: "/flags/definitions?token=\(TestCollector.projectKey)", method: .get)
            #expect(definitions.flagJSON?[member: "flags"] == [])
        }
    }

    @Test("a group type other than the tenant is refused on edit too, naming the field")
    func otherGroupTypeRefusedOnEdit() async throws {
        try await Self.withGroupFlag { client in
            let edit = try await client.flagAdmin(
                FlagFixtures.flagsPath + "/1", method: .patch,
                json: #"{"filters": {"aggregation_group_type_index": 2, "groups": []}}"#)
            #expect(edit.status == .badRequest)
            #expect(edit.flagJSON?[member: "attr"] == "filters.aggregation_group_type_index")
            let current = try await client.flagAdmin(FlagFixtures.flagsPath + "/1", method: .get)
            #expect(current.flagJSON?[member: "version"] == 1)
        }
    }
}
