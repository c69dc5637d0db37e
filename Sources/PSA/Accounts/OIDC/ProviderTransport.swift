import AsyncHTTPClient
import Foundation
import NIOCore

/// The PSA's requests to a provider: bounded in size and time, JSON in, nothing followed blindly.
struct ProviderTransport: Sendable {
    let http: HTTPClient
    /// How long one request may take.
    let timeout: TimeAmount

    init(http: HTTPClient, timeout: TimeInterval) {
        self.http = http
        self.timeout = .milliseconds(Int64(timeout * 1_000))
    }

    /// A response's body and its `Cache-Control`, when the status is 200.
    struct Document: Sendable {
        var body: Data
        var cacheControl: String?
    }

    /// `GET url`; throws for another status than 200 or a body over `limit` bytes.
    func get(_ url: String, limit: Int) async throws -> Document {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request, limit: limit)
    }

    /// `POST url` with `fields` form-encoded (the token endpoint's request).
    func postForm(_ url: String, fields: [(String, String)], limit: Int) async throws -> Document {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let form = fields.map { Self.formEncoded($0) + "=" + Self.formEncoded($1) }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: form))
        return try await send(request, limit: limit)
    }

    private func send(_ request: HTTPClientRequest, limit: Int) async throws -> Document {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw ProviderDocumentError.unreachable(status: 0)
        }
        guard response.status == .ok else {
            throw ProviderDocumentError.unreachable(status: response.status.code)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: limit)
        } catch {
            throw ProviderDocumentError.tooLarge
        }
        let cacheControl = response.headers["Cache-Control"]
        return Document(
            body: Data(body.readableBytesView),
            cacheControl: cacheControl.isEmpty ? nil : cacheControl.joined(separator: ","))
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, which is right both in a form body and in
    /// a query.
    static func formEncoded(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}
