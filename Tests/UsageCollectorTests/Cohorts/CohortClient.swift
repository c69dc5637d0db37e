import HTTPTypes
import HummingbirdTesting
import NIOCore

@testable import UsageCollector

extension TestClientProtocol {
    /// An admin request to the cohort API with a body (JSON unless `contentType` says otherwise).
    func cohortAdmin(
        _ uri: String, method: HTTPRequest.Method, body: String? = nil, contentType: String = "application/json"
    ) async throws -> TestResponse {
        try await self.execute(
            uri: uri, method: method,
            headers: [.authorization: "Bearer \(TestCollector.adminToken)", .contentType: contentType],
            body: body.map { ByteBuffer(string: $0) })
    }

    /// Creates the fixture static cohort listing `members` and returns its id.
    func createStaticCohort(members: [String]) async throws -> Int {
        let id = try await self.createCohort(CohortFixtures.staticCohort)
        let upload = try await self.cohortAdmin(
            "\(CohortFixtures.path)/\(id)/csv", method: .post, body: members.joined(separator: "\n"),
            contentType: "text/csv")
        guard upload.status == .ok else { throw CohortFixtures.Failure(response: String(buffer: upload.body)) }
        return id
    }

    /// Creates a cohort and returns its id.
    func createCohort(_ json: String) async throws -> Int {
        let response = try await self.cohortAdmin(CohortFixtures.path, method: .post, body: json)
        guard response.status == .created, case .int(let id)? = response.json.flatMap({ EngineAnswer.field($0, "id") })
        else { throw CohortFixtures.Failure(response: String(buffer: response.body)) }
        return id
    }
}

/// Cohort definitions the route tests create.
enum CohortFixtures {
    struct Failure: Error { let response: String }

    static let path = "/api/projects/@current/cohorts"

    static let staticCohort = #"{"name": "Pilot tenants", "description": "hand-picked", "is_static": true}"#

    /// Persons who did `event` at least `count` times in the last ten years (the fixtures' dates stay inside it).
    static func behavioural(_ event: String, atLeast count: Int = 1, negated: Bool = false) -> String {
        #"""
        {"name": "Did \#(event)", "filters": {"properties": {"type": "OR", "values": [{"type": "AND", "values": [
          {"type": "behavioral", "key": "\#(event)", "value": "performed_event_multiple", "event_type": "events",
           "operator": "gte", "operator_value": \#(count), "time_value": 3650, "time_interval": "day",
           "negation": \#(negated)}]}]}}}
        """#
    }
}
