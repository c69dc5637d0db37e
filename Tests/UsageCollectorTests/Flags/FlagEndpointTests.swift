import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import UsageAnalytics

@testable import UsageCollector

/// The flag endpoints over real HTTP: PostHog's `/flags?v=2` and local-evaluation shapes, the admin API,
/// ETags, and refusals of malformed and hostile input.
@Suite("Flag endpoints", .timeLimit(.minutes(2)))
struct FlagEndpointTests {
    private static func withFlags(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            for definition in [FlagFixtures.ordering, FlagFixtures.search] {
                let created = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: definition)
                #expect(created.status == .created)
            }
            try await body(client)
        }
    }

    @Test("POST /flags?v=2 answers each flag with PostHog's key, enabled, variant, reason and metadata")
    func evaluateV2() async throws {
        try await Self.withFlags { client in
            let response = try await client.evaluateFlags(
                #"{"api_key": "\#(TestCollector.projectKey)", "distinct_id": "tenant-42", "person_properties": {"plan": "Pro"}}"#
            )
            #expect(response.status == .ok)
            let body = try #require(response.flagJSON)
            let variant = try #require(
                FlagBucketing.variant(
                    of: FeatureFlag(
                        id: 1, key: "ticket-ordering",
                        variants: [
                            FlagVariant(key: "oldest-first", rolloutPercentage: 50),
                            FlagVariant(key: "newest-first", rolloutPercentage: 50),
                        ]), bucketingValue: "tenant-42"))
            let expectedOrdering: PropertyValue = [
                "key": "ticket-ordering", "enabled": true, "variant": .string(variant),
                "reason": ["code": "condition_match", "condition_index": 0, "description": "Matched condition set 1"],
                "metadata": [
                    "id": 1, "version": 1,
                    "payload": .string(variant == "newest-first" ? "{\"limit\": 20}" : "{\"limit\": 50}"),
                ],
            ]
            #expect(body[member: "flags"]?[member: "ticket-ordering"] == expectedOrdering)
            #expect(body[member: "flags"]?[member: "search-ranking"]?[member: "enabled"] == true)
            #expect(body[member: "flags"]?[member: "search-ranking"]?[member: "metadata"]?[member: "payload"] == "on")
            #expect(body[member: "errorsWhileComputingFlags"] == false)
            if case .string(let requestID) = body[member: "requestId"] {
                #expect(UUID(uuidString: requestID) != nil)
            } else {
                Issue.record("no requestId in \(response.text)")
            }
        }
    }

    @Test("a person who matches no condition gets the flag off with PostHog's reason; flag_keys_to_evaluate narrows")
    func noMatchAndNarrowing() async throws {
        try await Self.withFlags { client in
            let response = try await client.evaluateFlags(
                #"{"token": "\#(TestCollector.projectKey)", "distinct_id": "tenant-7", "person_properties": {"plan": "free"}, "flag_keys_to_evaluate": ["ticket-ordering"]}"#
            )
            let flags = try #require(response.flagJSON?[member: "flags"])
            let expected: PropertyValue = [
                "ticket-ordering": [
                    "key": "ticket-ordering", "enabled": false, "variant": nil,
                    "reason": [
                        "code": "no_condition_match", "condition_index": nil,
                        "description": "No matching condition set",
                    ],
                    "metadata": ["id": 1, "version": 1, "payload": nil],
                ]
            ]
            #expect(flags == expected)
        }
    }

    @Test("without v=2 the answer is PostHog's v1 shape: featureFlags and featureFlagPayloads")
    func evaluateV1() async throws {
        try await Self.withFlags { client in
            let response = try await client.evaluateFlags(
                #"{"api_key": "\#(TestCollector.projectKey)", "distinct_id": "tenant-7"}"#, version: 1)
            let expected: PropertyValue = [
                "featureFlags": ["ticket-ordering": false, "search-ranking": true],
                "featureFlagPayloads": ["search-ranking": "on"], "errorsWhileComputingFlags": false,
            ]
            #expect(response.flagJSON == expected)
        }
    }

    @Test(
        "malformed and hostile evaluation requests get a clear error",
        arguments: [
            ("not json", 400, "invalid_payload"),
            ("[1, 2]", 400, "invalid_payload"),
            (#"{"distinct_id": "a"}"#, 401, "missing_api_key"),
            (#"{"api_key": "phc_wrong", "distinct_id": "a"}"#, 401, "invalid_api_key"),
            (#"{"api_key": 7, "distinct_id": "a"}"#, 400, "invalid_payload"),
            (#"{"api_key": "phc_test_project"}"#, 400, "missing_distinct_id"),
            (#"{"api_key": "phc_test_project", "distinct_id": ""}"#, 400, "missing_distinct_id"),
            (#"{"api_key": "phc_test_project", "distinct_id": "a", "person_properties": [1]}"#, 400, "invalid_payload"),
            (
                #"{"api_key": "phc_test_project", "distinct_id": "a", "flag_keys_to_evaluate": [1]}"#, 400,
                "invalid_payload"
            ),
            (
                #"{"api_key": "phc_test_project", "distinct_id": "a", "person_properties": {"x": "#
                    + String(repeating: "[", count: 100)
                    + String(repeating: "]", count: 100) + "}}", 400, "invalid_payload"
            ),
            (
                #"{"api_key": "phc_test_project", "distinct_id": ""# + String(repeating: "x", count: 201) + #""}"#, 400,
                "invalid_payload"
            ),
            (#"{"token": "phc_test_project", "distinct_id": "a", "groups": ["tenant"]}"#, 400, "invalid_payload"),
            (#"{"token": "phc_test_project", "distinct_id": "a", "groups": {"tenant": 1.5}}"#, 400, "invalid_payload"),
            (#"{"token": "phc_test_project", "distinct_id": "a", "groups": {"tenant": ""}}"#, 400, "invalid_payload"),
            (
                #"{"token": "phc_test_project", "distinct_id": "a", "groups": {"tenant": ""#
                    + String(repeating: "k", count: 201) + #""}}"#, 400, "invalid_payload"
            ),
            (
                #"{"token": "phc_test_project", "distinct_id": "a", "groups": {"#
                    + (0..<21).map { #""t\#($0)": "k""# }.joined(separator: ",") + "}}", 400, "invalid_payload"
            ),
            (
                #"{"token": "phc_test_project", "distinct_id": "a", "group_properties": {"tenant": [1]}}"#, 400,
                "invalid_payload"
            ),
        ])
    func refusals(body: String, status: Int, code: String) async throws {
        try await Self.withFlags { client in
            let response = try await client.evaluateFlags(body)
            #expect(response.status.code == status)
            #expect(response.flagJSON?[member: "code"] == .string(code))
        }
    }

    @Test("a body over 256 KiB is refused with 413")
    func oversized() async throws {
        try await Self.withFlags { client in
            let padding = String(repeating: "x", count: 300 * 1_024)
            let response = try await client.evaluateFlags(
                #"{"api_key": "phc_test_project", "distinct_id": "a", "person_properties": {"pad": "\#(padding)"}}"#)
            #expect(response.status == .contentTooLarge)
        }
    }
}
