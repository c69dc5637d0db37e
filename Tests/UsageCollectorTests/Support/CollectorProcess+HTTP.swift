import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension CollectorProcess {
    /// A response of the child collector: status code and body text.
    struct Reply: Sendable {
        let status: Int
        let text: String
    }

    /// Sends a request to the child collector over loopback, with the admin token when `adminToken` is set.
    func request(
        _ path: String, method: HTTPMethod = .GET, body: ByteBuffer? = nil, headers: [(String, String)] = [],
        adminToken: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(self.port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let adminToken { request.headers.add(name: "Authorization", value: "Bearer \(adminToken)") }
        if let body { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return Reply(status: Int(response.status.code), text: String(buffer: text))
    }

    /// The uuids of `GET /api/export?format=ndjson`, one per exported line (a uuid exported twice appears twice).
    func exportedUUIDs(adminToken: String) async throws -> [String] {
        let reply = try await self.request("/api/export?format=ndjson", adminToken: adminToken)
        return reply.text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #""uuid":""#) else { return nil }
            return String(line[range.upperBound...].prefix(36))
        }
    }
}
