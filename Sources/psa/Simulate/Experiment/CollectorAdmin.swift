import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import UsageAnalytics

/// The collector's admin API as `psa simulate --experiment` uses it: JSON in, JSON out, with the admin token.
struct CollectorAdmin: Sendable {
    /// One answer: the status and the body, parsed when it is JSON.
    struct Answer: Sendable {
        let status: Int
        let json: PropertyValue?
        let text: String

        /// `results` of a list answer.
        var results: [[String: PropertyValue]] {
            guard case .object(let object)? = json, case .array(let results)? = object["results"] else { return [] }
            return results.compactMap { element in
                if case .object(let members) = element { return members }
                return nil
            }
        }

        /// A member of an object answer.
        subscript(key: String) -> PropertyValue? {
            if case .object(let object)? = json { return object[key] }
            return nil
        }
    }

    static let requestTimeout: TimeAmount = .seconds(30)
    static let maximumResponseSize = 8 << 20

    let options: ExperimentOptions
    let client: HTTPClient

    /// The project's route prefix, `/api/projects/{project}`.
    var projectPath: String { "/api/projects/\(options.project)" }

    func get(_ path: String) async throws -> Answer {
        try await send(.GET, path, body: nil)
    }

    func post(_ path: String, _ body: PropertyValue) async throws -> Answer {
        try await send(.POST, path, body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: PropertyValue?) async throws -> Answer {
        var request = HTTPClientRequest(url: options.collector + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(options.adminToken)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.jsonBytes()))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: Self.requestTimeout)
        } catch {
            throw SimulationFailure(
                "cannot reach the collector at \(options.collector) (\(error)); give its URL with --collector")
        }
        let bytes = Array(buffer: try await response.body.collect(upTo: Self.maximumResponseSize))
        let status = Int(response.status.code)
        if status == 401 || status == 403 {
            throw SimulationFailure(
                "the collector at \(options.collector) refused the admin token (\(status)): check "
                    + "--collector-admin-token or \(ExperimentOptions.tokenVariable)")
        }
        return Answer(
            status: status, json: try? PropertyValue(json: bytes),
            text: SimulationDriver.excerpt(String(decoding: bytes, as: UTF8.self)))
    }
}
