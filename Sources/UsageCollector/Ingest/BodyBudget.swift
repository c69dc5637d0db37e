import Hummingbird
import Synchronization

/// One bound on the request-body bytes all capture and import requests hold at once.
///
/// Each request is capped on its own (20 MB batches, 256 MB imports); this caps their sum, so that many
/// concurrent large requests cannot exhaust memory. A request's bytes are charged as they arrive (all at once
/// when it declares a `Content-Length`) and released when its response is ready. Beyond the bound a request is
/// refused with 503 and `Retry-After` before anything of it is stored; a request larger than the whole bound
/// could never pass and gets 413.
final class BodyBudget: Sendable {
    /// Bytes that may be held at once (`COLLECTOR_MAX_BODY_BYTES_IN_FLIGHT`).
    let limit: Int
    private let held = Mutex(0)
    private let metrics: CollectorMetrics

    init(limit: Int, metrics: CollectorMetrics = .none) {
        self.limit = limit
        self.metrics = metrics
    }

    /// Bytes currently held by requests.
    var bytesInFlight: Int { self.held.withLock { $0 } }

    /// Reads `request`'s body, at most `maxBytes` of it, charging its bytes to the budget, and runs `use` with it.
    /// The bytes are released when `use` returns.
    /// - Parameter tooLarge: the error when the body exceeds `maxBytes`
    func withBody<Result>(
        of request: Request,
        maxBytes: Int,
        tooLarge: IngestError,
        _ use: (ByteBuffer) async throws(IngestError) -> Result
    ) async throws(IngestError) -> Result {
        var charge = Charge(budget: self)
        defer { charge.releaseAll() }
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        if let declared {
            guard declared <= maxBytes else { throw tooLarge }
            try charge.extend(to: declared)
        }
        var body = ByteBuffer()
        do {
            for try await chunk in request.body {
                guard body.readableBytes + chunk.readableBytes <= maxBytes else { throw tooLarge }
                try charge.extend(to: body.readableBytes + chunk.readableBytes)
                var chunk = chunk
                body.writeBuffer(&chunk)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw .invalidPayload("the request body could not be read")
        }
        return try await use(body)
    }

    /// Takes `bytes` more from the budget.
    fileprivate func take(_ bytes: Int) throws(IngestError) {
        let granted = self.held.withLock { held in
            guard held + bytes <= self.limit else { return false }
            held += bytes
            self.metrics.bodyBytesInFlight.record(held)
            return true
        }
        guard granted else { throw .bodyBytesInFlightExceeded }
    }

    fileprivate func give(_ bytes: Int) {
        self.held.withLock { held in
            held -= bytes
            self.metrics.bodyBytesInFlight.record(held)
        }
    }
}

/// The bytes one request holds.
private struct Charge {
    let budget: BodyBudget
    var bytes = 0

    /// Holds `total` bytes in all (nothing when already held).
    mutating func extend(to total: Int) throws(IngestError) {
        guard total > self.bytes else { return }
        guard total <= self.budget.limit else { throw .requestTooLarge(limit: self.budget.limit) }
        try self.budget.take(total - self.bytes)
        self.bytes = total
    }

    mutating func releaseAll() {
        self.budget.give(self.bytes)
        self.bytes = 0
    }
}
