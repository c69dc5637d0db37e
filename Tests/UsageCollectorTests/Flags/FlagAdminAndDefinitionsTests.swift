import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UsageAnalytics

@testable import UsageCollector

/// The flag admin API and the local-evaluation definitions endpoint with its ETag.
@Suite("Flag admin API and definitions", .timeLimit(.minutes(2)))
struct FlagAdminAndDefinitionsTests {
    private static let definitionsPath = "/api/feature_flag/local_evaluation?token=\(TestCollector.projectKey)"

    private static func withCollector(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in try await body(client) }
    }

    @Test("definitions come in PostHog's shape with an ETag; If-None-Match gets 304 until a flag changes")
    func definitionsWithETag() async throws {
        try await Self.withCollector { client in
            _ = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: FlagFixtures.search)
            let first = try await client.execute(uri: Self.definitionsPath, method: .get)
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            let document = try FlagDefinitions(json: try #require(first.flagJSON))
            #expect(document.flags.keys.sorted() == ["search-ranking"])
            #expect(first.flagJSON?[member: "group_type_mapping"] == ["0": "tenant"])
            #expect(first.flagJSON?[member: "cohorts"] == [:])

            let unchanged = try await client.execute(
                uri: "/flags/definitions?token=\(TestCollector.projectKey)", method: .get, headers: [.ifNoneMatch: etag]
            )
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)

            _ = try await client.flagAdmin(
                FlagFixtures.flagsPath + "/1", method: .patch, json: #"{"name": "Search ranking v2"}"#)
            let changed = try await client.execute(
                uri: Self.definitionsPath, method: .get, headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
            #expect(try FlagDefinitions(json: try #require(changed.flagJSON)).flags["search-ranking"]?.version == 2)
        }
    }

    @Test("definitions need a project key as token", arguments: ["", "?token=", "?token=phc_wrong"])
    func definitionsRefused(query: String) async throws {
        try await Self.withCollector { client in
            let response = try await client.execute(uri: "/api/feature_flag/local_evaluation\(query)", method: .get)
            #expect(response.status == .unauthorized)
        }
    }

    @Test("create, edit, archive and history; archived flags leave evaluation and definitions")
    func lifecycle() async throws {
        try await Self.withCollector { client in
            let created = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: FlagFixtures.ordering)
            #expect(created.status == .created)
            #expect(created.flagJSON?[member: "id"] == 1 && created.flagJSON?[member: "version"] == 1)
            let edited = try await client.flagAdmin(
                FlagFixtures.flagsPath + "/1", method: .patch, json: #"{"active": false}"#)
            #expect(edited.status == .ok)
            #expect(edited.flagJSON?[member: "active"] == false && edited.flagJSON?[member: "version"] == 2)
            #expect(edited.flagJSON?[member: "name"] == "Ticket list order")
            let archived = try await client.flagAdmin(FlagFixtures.flagsPath + "/1", method: .delete)
            #expect(archived.flagJSON?[member: "archived"] == true)

            let listed = try await client.flagAdmin(FlagFixtures.flagsPath, method: .get)
            #expect(listed.flagJSON?[member: "count"] == 0)
            let all = try await client.flagAdmin(FlagFixtures.flagsPath + "?archived=true", method: .get)
            #expect(all.flagJSON?[member: "count"] == 1)
            let history = try await client.flagAdmin(FlagFixtures.flagsPath + "/1/history", method: .get)
            guard case .array(let revisions) = history.flagJSON?[member: "results"] else {
                Issue.record("no history in \(history.text)")
                return
            }
            #expect(revisions.map { $0[member: "action"] } == ["created", "edited", "archived"])

            let evaluated = try await client.evaluateFlags(
                #"{"api_key": "\#(TestCollector.projectKey)", "distinct_id": "t", "person_properties": {"plan": "pro"}}"#
            )
            #expect(evaluated.flagJSON?[member: "flags"] == [:])
            let definitions = try await client.execute(uri: Self.definitionsPath, method: .get)
            #expect(definitions.flagJSON?[member: "flags"] == [])
            let again = try await client.flagAdmin(
                FlagFixtures.flagsPath + "/1", method: .patch, json: #"{"name": "x"}"#)
            #expect(again.status == .conflict)
        }
    }

    @Test(
        "invalid definitions get 400 naming the field, and nothing is stored",
        arguments: [
            (#"{"name": "no key"}"#, "key"),
            (#"{"key": "a b"}"#, "key"),
            (
                #"{"key": "k", "filters": {"groups": [{"rollout_percentage": -1}]}}"#,
                "filters.groups[0].rollout_percentage"
            ),
            (
                #"{"key": "k", "filters": {"multivariate": {"variants": [{"key": "a", "rollout_percentage": 99}]}}}"#,
                "filters.multivariate.variants"
            ),
            (
                #"{"key": "k", "filters": {"groups": [{"properties": [{"key": "p", "operator": "nope"}]}]}}"#,
                "filters.groups[0].properties[0].operator"
            ),
            ("{not json", "body"),
            (#"{"key": "k", "filters": {"aggregation_group_type_index": 1}}"#, "filters.aggregation_group_type_index"),
            (#"{"key": "k", "filters": {"aggregation_group_type_index": -1}}"#, "filters.aggregation_group_type_index"),
        ])
    func invalidDefinitions(body: String, field: String) async throws {
        try await Self.withCollector { client in
            let response = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: body)
            #expect(response.status == .badRequest)
            #expect(response.flagJSON?[member: "attr"] == .string(field))
            let listed = try await client.flagAdmin(FlagFixtures.flagsPath + "?archived=true", method: .get)
            #expect(listed.flagJSON?[member: "count"] == 0)
        }
    }

    @Test("a duplicate key is 409, an unknown flag or project 404, a missing admin token 401")
    func refusals() async throws {
        try await Self.withCollector { client in
            _ = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: FlagFixtures.search)
            let duplicate = try await client.flagAdmin(FlagFixtures.flagsPath, method: .post, json: FlagFixtures.search)
            #expect(duplicate.status == .conflict && duplicate.flagJSON?[member: "attr"] == "key")
            for path in ["/99", "/0", "/abc", "/99/history"] {
                let missing = try await client.flagAdmin(FlagFixtures.flagsPath + path, method: .get)
                #expect(missing.status == .notFound, "\(path)")
            }
            let noProject = try await client.flagAdmin("/api/projects/12345/feature_flags", method: .get)
            #expect(noProject.status == .notFound)
            let anonymous = try await client.execute(
                uri: FlagFixtures.flagsPath, method: .post, body: ByteBuffer(string: FlagFixtures.search))
            #expect(anonymous.status == .unauthorized)
        }
    }
}
