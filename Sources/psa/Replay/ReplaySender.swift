import AsyncHTTPClient
import Foundation
import NIOCore
import UsageCollector

/// Posts gzipped historical batches to a PostHog-compatible `/batch/` endpoint, retrying what a retry can fix.
struct ReplaySender {
    let endpoint: String
    let apiKey: String
    let client: HTTPClient
    /// Attempts per batch when the target is unreachable or answers 429 or 5xx.
    let attempts = 6

    /// Sends `records` and returns once the target answered 200.
    /// - Throws: ``ReplayError`` on a 4xx the target would repeat, or when every attempt failed.
    func send(_ records: [EventRecord]) async throws {
        let body = try HistoricalBatch.gzippedBody(records, apiKey: self.apiKey)
        var lastFailure = ""
        for attempt in 1...self.attempts {
            var request = HTTPClientRequest(url: self.endpoint)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Content-Encoding", value: "gzip")
            request.body = .bytes(body)
            var retryAfter: Int?
            do {
                let response = try await self.client.execute(request, timeout: .seconds(60))
                let text = String(buffer: try await response.body.collect(upTo: 64 * 1024))
                switch response.status.code {
                case 200: return
                case 429, 500...599:
                    lastFailure = "\(response.status.code) \(text.prefix(200))"
                    retryAfter = response.headers.first(name: "Retry-After").flatMap { Int($0) }
                default:
                    throw ReplayError("the target refused a batch: \(response.status.code) \(text.prefix(300))")
                }
            } catch let error as ReplayError {
                throw error
            } catch {
                lastFailure = "\(error)"
            }
            if attempt < self.attempts {
                let backoff = min(retryAfter ?? (1 << (attempt - 1)), 30)
                try await Task.sleep(for: .seconds(backoff))
            }
        }
        throw ReplayError("the target did not accept a batch after \(self.attempts) attempts: \(lastFailure)")
    }
}
