import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import UsageAnalytics

@testable import UsageCollector

/// A signed-in browser on the flag pages, driven over HTTP: the project's paths, the session cookie and its CSRF token.
struct FlagPagesHTTP: Sendable {
    static let projectID = ProjectDirectory.id(of: TestCollector.projectKey)
    static let otherProjectID = ProjectDirectory.id(of: TestCollector.otherProjectKey)
    static let flags = "/projects/\(projectID)/flags"
    static let otherFlags = "/projects/\(otherProjectID)/flags"
    /// The admin API of the first project, to check what the pages stored.
    static let adminFlags = "/api/projects/\(projectID)/feature_flags"

    let client: any TestClientProtocol
    let cookie: String
    let csrf: String

    /// Signed in on a fresh collector over `engine` whose dashboard clock reads ``DashboardFixture/now``.
    static func withSignedIn(
        on engine: Engine = .sqlite, _ body: @Sendable (FlagPagesHTTP) async throws -> Void
    ) async throws {
        let databaseURL = engine == .postgres ? try await PostgresDatabase.create() : nil
        let collector = try TestCollector {
            $0.dashboard.now = { DashboardFixture.now }
            $0.databaseURL = databaseURL
        }
        try await collector.withLiveServer { client in
            let cookie = try await DashboardHTTP.session(client)
            let page = try await DashboardHTTP.get(client, Self.flags + "/new", cookie: cookie)
            #expect(page.status == .ok)
            try await body(
                FlagPagesHTTP(client: client, cookie: cookie, csrf: try #require(DashboardHTTP.csrfField(page.text))))
        }
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await DashboardHTTP.get(self.client, uri, cookie: self.cookie)
    }

    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        try await SavedDashboardTests.post(
            self.client, uri, cookie: self.cookie, (csrf ? [("csrf", self.csrf)] : []) + fields)
    }

    /// Creates a flag through the form and returns the path of its page.
    func create(_ fields: [(String, String)]) async throws -> String {
        let response = try await self.post(Self.flags, fields)
        #expect(response.status == .seeOther, "\(response.text)")
        return try #require(response.headers[.location])
    }

    /// The stored definition of flag `id`, as the admin API serves it.
    func stored(_ id: Int) async throws -> PropertyValue {
        let response = try await self.client.flagAdmin(Self.adminFlags + "/\(id)", method: .get)
        #expect(response.status == .ok)
        return try #require(response.flagJSON)
    }

    /// How many flags the project has, archived ones included.
    func storedCount() async throws -> Int {
        let response = try await self.client.flagAdmin(Self.adminFlags + "?archived=true", method: .get)
        guard case .int(let count)? = response.flagJSON?[member: "count"] else {
            Issue.record("the admin API listed no count: \(response.text)")
            return -1
        }
        return count
    }

    /// The fields of a multivariate flag `key` split between control and test, for people on the pro plan.
    static func multivariate(_ key: String, control: String = "50", test: String = "50") -> [(String, String)] {
        [
            ("key", key), ("name", "Ticket list order"), ("active", "on"), ("type", "multivariate"),
            ("variant-0-key", "control"), ("variant-0-rollout", control), ("variant-1-key", "test"),
            ("variant-1-rollout", test), ("variant-1-payload", #"{"limit": 20}"#),
            ("condition-0-property-0", "plan"), ("condition-0-operator-0", "exact"), ("condition-0-value-0", "pro"),
            ("condition-0-rollout", "50"),
        ]
    }

    /// The text of the element with `id`'s error: the `field-error` span after it, or nil.
    static func errors(_ html: String) -> [String] {
        LibraryEditingTests.matches(#"<span class="field-error"[^>]*>([^<]*)</span>"#, in: html)
            + LibraryEditingTests.matches(#"<p class="field-error"[^>]*>([^<]*)</p>"#, in: html)
    }

    /// The `value` attribute of the input with `id`.
    static func value(of id: String, in html: String) -> String? {
        LibraryEditingTests.matches(#"<input id="\#(id)" name="\#(id)" value="([^"]*)""#, in: html).first
    }
}
