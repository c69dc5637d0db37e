import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import UsageCollector

/// Driving the dashboard's forms over HTTP the way a browser would: cookies carried by hand.
enum DashboardHTTP {
    /// The `name=value` of each `Set-Cookie` of a response, by name, with the whole header line.
    static func setCookies(_ response: TestResponse) -> [String: (value: String, line: String)] {
        var cookies: [String: (value: String, line: String)] = [:]
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = (String(pair[1]), line)
        }
        return cookies
    }

    /// The value of the hidden `csrf` field of the page.
    static func csrfField(_ html: String) -> String? {
        guard let marker = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[marker.upperBound...].prefix { $0 != "\"" })
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&"))
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Loads the sign-in form and posts `token` with its CSRF token and cookie; returns the response.
    static func signIn(
        _ client: any TestClientProtocol, token: String = TestCollector.adminToken, extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        let page = try await client.execute(uri: "/sign-in", method: .get)
        let csrf = try #require(Self.csrfField(page.text))
        let cookie = try #require(Self.setCookies(page)[DashboardController.signInCookie])
        var headers = Self.formType
        headers[.cookie] = "\(DashboardController.signInCookie)=\(cookie.value)"
        for field in extra { headers[field.name] = field.value }
        return try await client.execute(
            uri: "/sign-in", method: .post, headers: headers, body: Self.form([("csrf", csrf), ("token", token)]))
    }

    /// Signs in and returns the `Cookie` header value of the session.
    static func session(_ client: any TestClientProtocol) async throws -> String {
        let response = try await Self.signIn(client)
        let session = try #require(Self.setCookies(response)[DashboardController.sessionCookie])
        return "\(DashboardController.sessionCookie)=\(session.value)"
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, cookie: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }
}
