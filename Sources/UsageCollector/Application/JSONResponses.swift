import Foundation
import Hummingbird

/// The JSON bodies the collector answers with.
enum JSONResponses {
    static let jsonContentType = "application/json"

    /// `200 {"status": 1}`, what PostHog's clients expect after a capture.
    static func captured() -> Response {
        Self.json(status: .ok, #"{"status": 1}"#)
    }

    static func json(status: HTTPResponse.Status, _ text: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = Self.jsonContentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `{"type": …, "code": …, "detail": …}` with the error's status (and `Retry-After` for 503).
    static func error(_ error: IngestError, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        if let retryAfter = error.retryAfterSeconds { headers[.retryAfter] = String(retryAfter) }
        let body =
            #"{"type": \#(JSONText.quoted(error.type)), "code": \#(JSONText.quoted(error.code)), "#
            + #""detail": \#(JSONText.quoted(error.detail))}"#
        return Self.json(status: HTTPResponse.Status(code: error.status), body, headers: headers)
    }
}
