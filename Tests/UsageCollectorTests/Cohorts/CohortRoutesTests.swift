import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// The cohort admin API over real HTTP: PostHog's shapes, CSV upload, members with pagination, and refusals
/// of malformed, oversized and hostile input that change nothing.
@Suite("Cohort routes", .timeLimit(.minutes(2)))
struct CohortRoutesTests {
    static func withCollector(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let collector = try TestCollector()
        try await collector.withLiveServer { client in
            await collector.collector.insights.waitUntilReady()
            #expect(try await client.post("/batch/", json: InsightsFixtures.batch()).status == .ok)
            try await body(client)
        }
    }

    @Test("create, read, list, edit and delete a behavioural cohort, with its computed count")
    func behaviouralLifecycle() async throws {
        try await Self.withCollector { client in
            let id = try await client.createCohort(CohortFixtures.behavioural("activate"))
            let read = try await client.cohortAdmin("\(CohortFixtures.path)/\(id)", method: .get)
            #expect(read.status == .ok)
            let body = try #require(read.json)
            #expect(EngineAnswer.field(body, "name") == .string("Did activate"))
            #expect(EngineAnswer.field(body, "is_static") == .bool(false))
            #expect(EngineAnswer.field(body, "count") == .int(3))  // u1, u2, u4
            #expect(EngineAnswer.field(body, "version") == .int(1))
            let filters = try #require(EngineAnswer.field(body, "filters"))
            #expect(try CohortCriteria(filters: filters).criteria.map(\.event) == ["activate"])
            let edited = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(id)", method: .patch,
                body: CohortFixtures.behavioural("activate", atLeast: 2))
            #expect(edited.status == .ok)
            #expect(edited.json.flatMap { EngineAnswer.field($0, "count") } == .int(1))  // u1 activated twice
            #expect(edited.json.flatMap { EngineAnswer.field($0, "version") } == .int(2))
            let renamed = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(id)", method: .patch, body: #"{"name": "Twice"}"#)
            #expect(renamed.json.flatMap { EngineAnswer.field($0, "name") } == .string("Twice"))
            #expect(renamed.json.flatMap { EngineAnswer.field($0, "count") } == .int(1))
            let list = try await client.cohortAdmin(CohortFixtures.path, method: .get)
            #expect(EngineAnswer.column(list.json, "id") == [.int(id)])
            let members = try await client.cohortAdmin("\(CohortFixtures.path)/\(id)/persons", method: .get)
            #expect(members.json.flatMap { EngineAnswer.field($0, "count") } == .int(1))
            #expect(
                EngineAnswer.column(members.json, "distinct_ids") == [.array([.string("u1")])])
            #expect(try await client.cohortAdmin("\(CohortFixtures.path)/\(id)", method: .delete).status == .noContent)
            #expect(try await client.cohortAdmin("\(CohortFixtures.path)/\(id)", method: .get).status == .notFound)
            #expect(try await client.cohortAdmin("\(CohortFixtures.path)/\(id)", method: .delete).status == .notFound)
        }
    }

    @Test("a static cohort takes CSV uploads; its members page in order with a next link")
    func staticUpload() async throws {
        try await Self.withCollector { client in
            let id = try await client.createCohort(CohortFixtures.staticCohort)
            let upload = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(id)/csv", method: .post, body: "distinct_id\r\nu3\r\nu1\r\n\"u,9\"\r\nu1\r\n",
                contentType: "text/csv")
            #expect(upload.status == .ok)
            #expect(upload.json.flatMap { EngineAnswer.field($0, "count") } == .int(3))
            let again = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(id)/csv", method: .post, body: "u2\n", contentType: "text/csv")
            #expect(again.json.flatMap { EngineAnswer.field($0, "count") } == .int(4))
            let first = try await client.cohortAdmin("\(CohortFixtures.path)/\(id)/persons?limit=3", method: .get)
            #expect(
                EngineAnswer.column(first.json, "distinct_ids") == ["u,9", "u1", "u2"].map { .array([.string($0)]) })
            let next = try #require(first.json.flatMap { EngineAnswer.field($0, "next") })
            #expect(next == .string("\(CohortFixtures.path)/\(id)/persons?offset=3&limit=3"))
            let second = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(id)/persons?offset=3&limit=3", method: .get)
            #expect(EngineAnswer.column(second.json, "distinct_ids") == [.array([.string("u3")])])
            #expect(second.json.flatMap { EngineAnswer.field($0, "next") } == .null)
        }
    }

    @Test(
        "malformed and hostile cohort bodies get a 400 naming the field",
        arguments: [
            ("{", "body"),
            ("[]", ""),
            (#"{"filters": {}}"#, "name"),
            (#"{"name": "   "}"#, "name"),
            (#"{"name": 7}"#, "name"),
            (#"{"name": "x\u0000y", "is_static": true}"#, "name"),
            (#"{"name": "x", "description": 3, "is_static": true}"#, "description"),
            (#"{"name": "x"}"#, "filters"),
            (#"{"name": "x", "is_static": "yes"}"#, "is_static"),
            (
                #"{"name": "x", "is_static": true, "filters": {"properties": {"type": "behavioral", "key": "a", "time_value": 1}}}"#,
                "filters"
            ),
            (
                #"{"name": "x", "filters": {"properties": {"type": "behavioral", "key": "a", "time_value": -1}}}"#,
                "filters.properties.time_value"
            ),
            (
                #"{"name": "x", "filters": {"properties": {"type": "cohort", "key": "id", "value": 1}}}"#,
                "filters.properties.type"
            ),
        ])
    func invalidBodies(_ body: String, _ attr: String) async throws {
        try await Self.withCollector { client in
            let response = try await client.cohortAdmin(CohortFixtures.path, method: .post, body: body)
            #expect(response.status == .badRequest)
            #expect(response.json.flatMap { EngineAnswer.field($0, "attr") } == .string(attr))
            #expect(response.json.flatMap { EngineAnswer.field($0, "type") } == .string("validation_error"))
            let list = try await client.cohortAdmin(CohortFixtures.path, method: .get)
            #expect(list.json.flatMap { EngineAnswer.field($0, "count") } == .int(0))
        }
    }

    @Test("oversized bodies, bad CSV, uploads to behavioural cohorts, unknown ids and projects change nothing")
    func refusals() async throws {
        try await Self.withCollector { client in
            let id = try await client.createCohort(CohortFixtures.staticCohort)
            let huge = String(repeating: "a", count: CohortRequest.maxBodyBytes + 1)
            let oversized = try await client.cohortAdmin(CohortFixtures.path, method: .post, body: huge)
            #expect(oversized.status == .contentTooLarge)
            for csv in ["u1,u2\n", "u1\n\"u2\n", ""] {
                let refused = try await client.cohortAdmin(
                    "\(CohortFixtures.path)/\(id)/csv", method: .post, body: csv, contentType: "text/csv")
                #expect(refused.status == .badRequest)
                #expect(refused.json.flatMap { EngineAnswer.field($0, "attr") } == .string("csv"))
            }
            let bigCSV = String(repeating: "u1\n", count: CohortCSV.maxBytes / 3 + 1)
            let tooBig = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(id)/csv", method: .post, body: bigCSV, contentType: "text/csv")
            #expect(tooBig.status == .contentTooLarge)
            let unchanged = try await client.cohortAdmin("\(CohortFixtures.path)/\(id)", method: .get)
            #expect(unchanged.json.flatMap { EngineAnswer.field($0, "count") } == .int(0))
            #expect(unchanged.json.flatMap { EngineAnswer.field($0, "version") } == .int(1))
            let behavioural = try await client.createCohort(CohortFixtures.behavioural("pay"))
            let upload = try await client.cohortAdmin(
                "\(CohortFixtures.path)/\(behavioural)/csv", method: .post, body: "u1\n", contentType: "text/csv")
            #expect(upload.status == .badRequest)
            #expect(upload.json.flatMap { EngineAnswer.field($0, "attr") } == .string("is_static"))
            for path in ["\(CohortFixtures.path)/999999", "\(CohortFixtures.path)/abc", "\(CohortFixtures.path)/-1"] {
                #expect(try await client.cohortAdmin(path, method: .get).status == .notFound)
                #expect(try await client.cohortAdmin(path, method: .patch, body: "{}").status == .notFound)
            }
            for query in ["limit=0", "limit=1001", "offset=-1", "limit=x"] {
                let page = try await client.cohortAdmin("\(CohortFixtures.path)/\(id)/persons?\(query)", method: .get)
                #expect(page.status == .badRequest, "\(query)")
            }
            #expect(try await client.cohortAdmin("/api/projects/12/cohorts", method: .get).status == .notFound)
            let anonymous = try await client.execute(uri: CohortFixtures.path, method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
