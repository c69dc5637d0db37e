import HTTPTypes
import HummingbirdTesting
import NIOCore
import UsageAnalytics

@testable import UsageCollector

extension TestClientProtocol {
    /// An admin request to the flag API with a JSON body.
    func flagAdmin(_ uri: String, method: HTTPRequest.Method, json: String? = nil) async throws -> TestResponse {
        try await self.execute(
            uri: uri, method: method,
            headers: [.authorization: "Bearer \(TestCollector.adminToken)", .contentType: "application/json"],
            body: json.map { ByteBuffer(string: $0) })
    }

    /// `POST /flags?v=2` as posthog-python sends it.
    func evaluateFlags(_ json: String, version: Int = 2) async throws -> TestResponse {
        try await self.execute(
            uri: "/flags/?v=\(version)", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: json))
    }
}

extension TestResponse {
    /// The body as a JSON value, `nil` when it is not JSON.
    var flagJSON: PropertyValue? { try? PropertyValue(json: Array(self.body.readableBytesView)) }
}

extension PropertyValue {
    /// The member at `key` of an object, `nil` otherwise.
    subscript(member key: String) -> PropertyValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

/// Flag definitions the endpoint tests create.
enum FlagFixtures {
    static let flagsPath = "/api/projects/@current/feature_flags"

    /// A multivariate flag released to pro tenants (all of them), with a payload on one variant.
    static let ordering = #"""
        {"key": "ticket-ordering", "name": "Ticket list order",
         "filters": {"groups": [{"properties": [{"key": "plan", "operator": "exact", "value": ["pro"], "type": "person"}],
                                 "rollout_percentage": 100}],
                     "multivariate": {"variants": [{"key": "oldest-first", "rollout_percentage": 50},
                                                   {"key": "newest-first", "rollout_percentage": 50}]},
                     "payloads": {"newest-first": "{\"limit\": 20}", "oldest-first": "{\"limit\": 50}"}}}
        """#

    /// A boolean flag on for everyone.
    static let search = #"""
        {"key": "search-ranking", "filters": {"groups": [{"properties": [], "rollout_percentage": 100}],
                                              "payloads": {"true": "on"}}}
        """#
}
