import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The experiment admin API: PostHog's shapes, PostHog's flag rule, draft-only metric edits, and refusals that
/// name the field.
@Suite("Experiment admin API", .timeLimit(.minutes(2)))
struct ExperimentAdminTests {
    private static func withCollector(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            let flag = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post, json: ExperimentFixtures.flag())
            #expect(flag.status == .created)
            try await body(client)
        }
    }

    @Test("create a draft, launch it, stop it, archive it")
    func lifecycle() async throws {
        try await Self.withCollector { client in
            let created = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath, method: .post, json: ExperimentFixtures.experiment())
            #expect(created.status == .created)
            let json = try #require(created.json)
            #expect(json[path: "id"] == .int(1) && json[path: "status"] == .string("draft"))
            #expect(json[path: "start_date"] == .null && json[path: "parameters.minimum_sample_size"] == .int(100))
            #expect(json[path: "metrics.0.metric_type"] == .string("funnel"))

            let launched = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1", method: .patch,
                json: #"{"start_date": "2026-11-01T00:00:00Z"}"#)
            #expect(launched.status == .ok)
            #expect(launched.json?[path: "status"] == .string("running"))
            #expect(launched.json?[path: "start_date"] == .string("2026-11-01T00:00:00.000000Z"))

            let flagEdit = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1", method: .patch, json: #"{"feature_flag_key": "nope"}"#)
            #expect(flagEdit.status == .badRequest && flagEdit.json?[path: "attr"] == .string("feature_flag_key"))
            let metricEdit = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1", method: .patch,
                json: #"{"metrics": [\#(ExperimentFixtures.meanMetric)]}"#)
            #expect(metricEdit.status == .badRequest)
            #expect(metricEdit.json?[path: "attr"] == .string("metrics"))

            let early = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1", method: .patch,
                json: #"{"end_date": "2026-10-01T00:00:00Z"}"#)
            #expect(early.status == .badRequest && early.json?[path: "attr"] == .string("end_date"))
            let stopped = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1", method: .patch,
                json: #"{"end_date": "2026-11-15T00:00:00Z", "name": "Newest first, final"}"#)
            #expect(stopped.json?[path: "status"] == .string("complete"))
            #expect(stopped.json?[path: "name"] == .string("Newest first, final"))

            let one = try await client.flagAdmin(ExperimentFixtures.experimentsPath + "/1", method: .get)
            #expect(one.json?[path: "name"] == .string("Newest first, final"))
            let archived = try await client.flagAdmin(ExperimentFixtures.experimentsPath + "/1", method: .delete)
            #expect(archived.json?[path: "archived"] == .bool(true))
            let listed = try await client.flagAdmin(ExperimentFixtures.experimentsPath, method: .get)
            #expect(listed.json?[path: "count"] == .int(0))
            let all = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "?archived=true", method: .get)
            #expect(all.json?[path: "count"] == .int(1))
            let missing = try await client.flagAdmin(ExperimentFixtures.experimentsPath + "/99", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test(
        "refused definitions get 400 naming the field",
        arguments: [
            (#"{"feature_flag_key": "ticket-ordering", "metrics": []}"#, "name"),
            (ExperimentFixtures.experiment(flag: "missing-flag"), "feature_flag_key"),
            (ExperimentFixtures.experiment(flag: "boolean-flag"), "feature_flag_key"),
            (ExperimentFixtures.experiment(flag: "no-control"), "feature_flag_key"),
            (#"{"name": "x", "feature_flag_key": "ticket-ordering", "metrics": []}"#, "metrics"),
            (
                #"{"name": "x", "feature_flag_key": "ticket-ordering", "metrics": [\#(ExperimentFixtures.funnelMetric), \#(ExperimentFixtures.meanMetric)]}"#,
                "metrics"
            ),
            (
                ExperimentFixtures.experiment(metric: #"{"kind": "ExperimentMetric", "metric_type": "ratio"}"#),
                "metrics.0.metric_type"
            ),
            (
                ExperimentFixtures.experiment(
                    metric: #"{"kind": "ExperimentMetric", "metric_type": "funnel", "series": []}"#), "metrics.0.series"
            ),
            (
                ExperimentFixtures.experiment(
                    metric:
                        #"{"metric_type": "mean", "source": {"kind": "EventsNode", "event": "x", "math": "p99", "math_property": "n"}}"#
                ),
                "metrics.0.source.math"
            ),
            (
                ExperimentFixtures.experiment(
                    metric: #"{"metric_type": "funnel", "series": [{"kind": "ActionsNode", "id": 3}]}"#),
                "metrics.0.series.0.kind"
            ),
            (ExperimentFixtures.experiment(start: "yesterday"), "start_date"),
            (ExperimentFixtures.experiment(end: "2026-11-15T00:00:00Z"), "end_date"),
            (#"[1, 2]"#, "body"),
            (#"{"name": "#, "body"),
            (String(repeating: "[", count: 20_000), "body"),
            (#"{"name": 7, "feature_flag_key": "ticket-ordering"}"#, "name"),
            (#"{"name": "\#(String(repeating: "n", count: 401))", "feature_flag_key": "ticket-ordering"}"#, "name"),
        ])
    func refused(body: String, field: String) async throws {
        try await Self.withCollector { client in
            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post,
                json: #"{"key": "boolean-flag", "filters": {"groups": [{"rollout_percentage": 100}]}}"#)
            _ = try await client.flagAdmin(
                ExperimentFixtures.flagsPath, method: .post,
                json:
                    #"{"key": "no-control", "filters": {"groups": [{"rollout_percentage": 100}], "multivariate": {"variants": [{"key": "a", "rollout_percentage": 50}, {"key": "b", "rollout_percentage": 50}]}}}"#
            )
            let response = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath, method: .post, json: body)
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.json?[path: "attr"] == .string(field), "\(response.text)")
            #expect(response.json?[path: "type"] == .string("validation_error"))
            let listed = try await client.flagAdmin(ExperimentFixtures.experimentsPath, method: .get)
            #expect(listed.json?[path: "count"] == .int(0))
        }
    }

    @Test("an oversized body gets 413, no admin token 401, an unknown project 404")
    func hostileRequests() async throws {
        try await Self.withCollector { client in
            let huge = #"{"name": "x", "description": "\#(String(repeating: "a", count: 300_000))"}"#
            let tooLarge = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath, method: .post, json: huge)
            #expect(tooLarge.status == .contentTooLarge)
            let anonymous = try await client.execute(
                uri: ExperimentFixtures.experimentsPath, method: .post,
                body: ByteBuffer(string: ExperimentFixtures.experiment()))
            #expect(anonymous.status == .unauthorized)
            let unknown = try await client.flagAdmin("/api/projects/12345/experiments", method: .get)
            #expect(unknown.status == .notFound)
            let badID = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/-1/results", method: .get)
            #expect(badID.status == .notFound)
            let draft = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath, method: .post, json: ExperimentFixtures.experiment())
            #expect(draft.status == .created)
            let draftResults = try await client.flagAdmin(
                ExperimentFixtures.experimentsPath + "/1/results", method: .get)
            #expect(draftResults.status == .badRequest && draftResults.json?[path: "attr"] == .string("start_date"))
        }
    }
}
