import Foundation
import Hummingbird
import Logging

/// The PostHog v0 capture endpoints: `/batch/`, `/capture/`, `/e/`, `/i/v0/e/` (POST, GET and OPTIONS).
struct CaptureController: Sendable {
    let validator: CaptureValidator
    let decoder: CaptureBodyDecoder
    let writer: GroupCommitWriter
    let budget: BodyBudget
    let metrics: CollectorMetrics

    static let paths = ["/batch", "/capture", "/e", "/i/v0/e"]

    func addRoutes(to router: Router<some RequestContext>) {
        // The router ignores a trailing slash, so `/batch` also serves `/batch/`.
        for path in Self.paths {
            router.post(RouterPath(path)) { request, _ in await self.capture(request) }
            router.get(RouterPath(path)) { request, _ in await self.capture(request) }
            router.on(RouterPath(path), method: .options) { request, _ in self.preflight(request) }
        }
    }

    /// Reads, decodes, validates and commits one capture request; every failure becomes a JSON error body.
    /// The body's bytes count against the collector's ``BodyBudget`` until the events are committed.
    func capture(_ request: Request) async -> Response {
        let cors = Self.corsHeaders(for: request)
        let started = ContinuousClock.now
        defer { self.metrics.captureDuration.record(duration: ContinuousClock.now - started) }
        do {
            let tooLarge = IngestError.requestTooLarge(limit: self.validator.limits.maxBatchRequestBytes)
            let accepted = try await self.budget.withBody(
                of: request, maxBytes: self.decoder.maxRawBodyBytes, tooLarge: tooLarge
            ) { (body: ByteBuffer) async throws(IngestError) in
                let records = try self.records(from: body, of: request)
                try await self.writer.submit(records)
                return records.count
            }
            self.metrics.acceptedEvents.increment(by: accepted)
            var response = JSONResponses.captured()
            response.headers.append(contentsOf: cors)
            return response
        } catch {
            self.metrics.rejected(error)
            return JSONResponses.error(error, headers: cors)
        }
    }

    private func records(from body: ByteBuffer, of request: Request) throws(IngestError) -> [EventRecord] {
        let query = request.uri.queryParameters
        let envelope = CaptureBodyDecoder.Envelope(
            contentType: request.headers[.contentType],
            contentEncoding: request.headers[.contentEncoding],
            queryData: query["data"].map(String.init),
            queryCompression: query["compression"].map(String.init)
        )
        let json = try self.decoder.json(body: body, envelope: envelope)
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let fallbackKey = query["api_key"].map(String.init) ?? query["token"].map(String.init)
        let validator = self.validator
        let result: Result<[EventRecord], IngestError> = json.withUnsafeReadableBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            do throws(IngestError) {
                return .success(try validator.records(json: bytes, now: now, fallbackKey: fallbackKey))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func preflight(_ request: Request) -> Response {
        var headers = Self.corsHeaders(for: request)
        headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
        headers[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders] ?? "Content-Type"
        headers[.accessControlMaxAge] = "86400"
        return Response(status: .ok, headers: headers)
    }

    /// Browser clients send from any origin; credentials are never needed by capture.
    static func corsHeaders(for request: Request) -> HTTPFields {
        var headers = HTTPFields()
        headers[.accessControlAllowOrigin] = request.headers[.origin] ?? "*"
        if request.headers[.origin] != nil { headers[.vary] = "Origin" }
        return headers
    }
}
