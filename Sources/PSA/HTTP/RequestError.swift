import Foundation
import Hummingbird

/// An error a client gets as `{"type": …, "code": …, "detail": …}` with its status, the shape the
/// collector uses too. `detail` names the field or rule at fault and never echoes a secret.
public struct RequestError: HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// The error's family: `validation_error`, `authentication_error`, `permission_denied`, `not_found`,
    /// `conflict` or `throttled`.
    public let type: String
    /// A stable, machine-readable reason within the family.
    public let code: String
    /// A sentence for people.
    public let detail: String
    /// Seconds after which a throttled client may retry (`Retry-After`).
    public var retryAfterSeconds: Int?

    public var description: String { "\(status.code) \(type)/\(code): \(detail)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = #"{"type":"# + Self.quoted(type) + #","code":"# + Self.quoted(code)
        body += #","detail":"# + Self.quoted(detail) + "}"
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data(#""""#.utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A 400 for malformed input; `detail` names the field.
    static func invalid(_ code: String, _ detail: String) -> Self {
        Self(status: .badRequest, type: "validation_error", code: code, detail: detail)
    }

    /// A 401 with PostHog's `authentication_error` type: the caller must sign in (again).
    static func unauthenticated(_ code: String, _ detail: String) -> Self {
        Self(status: .unauthorized, type: "authentication_error", code: code, detail: detail)
    }

    /// The one 401 every failed login gets, whatever failed, so it cannot tell accounts apart.
    static let invalidCredentials = unauthenticated(
        "invalid_credentials", "The email or password is incorrect, or the account cannot sign in.")

    /// A 401 for a request without a bearer token.
    static let notAuthenticated = unauthenticated(
        "not_authenticated", "Sign in and send the session token as 'Authorization: Bearer <token>'.")

    /// A 401 for a token that is malformed, unknown, expired or revoked (which one is not said).
    static let invalidToken = unauthenticated(
        "invalid_token", "The session token is invalid, expired or revoked; sign in again.")

    /// A 403 for a caller whose role does not allow the action.
    static func forbidden(_ detail: String) -> Self {
        Self(status: .forbidden, type: "permission_denied", code: "forbidden", detail: detail)
    }

    /// A 404 for something that does not exist in the caller's tenant (or is not theirs to see).
    static func notFound(_ what: String) -> Self {
        Self(status: .notFound, type: "not_found", code: "not_found", detail: "No \(what) with that id.")
    }

    /// A 429 with `Retry-After`.
    static func throttled(retryAfterSeconds: Int) -> Self {
        var error = Self(
            status: .tooManyRequests, type: "throttled", code: "too_many_attempts",
            detail: "Too many failed sign-in attempts; try again later.")
        error.retryAfterSeconds = retryAfterSeconds
        return error
    }
}
