import Hummingbird

/// A failure whose message holds personal data, which must never leave the process.
struct LedgerUnavailable: Error, CustomStringConvertible {
    var description: String { "ledger down while saving jane.doe@example.com" }
}

/// An error with a status of its own, as hosts define them.
struct QuotaExceeded: HTTPResponseError {
    var status: HTTPResponse.Status { .tooManyRequests }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}

/// An error compared by identity, to prove the middleware rethrows the very instance.
final class MarkedFailure: Error, Sendable {}

/// A generic error type, whose name must stay a plain label.
struct Wrapped<Payload: Sendable>: Error {
    var payload: Payload
}

/// A failure a search can raise, whose message must never leave the process.
struct SearchIndexCorrupted: Error, Equatable {
    var detail = "index for tenant acme, query 'jane.doe@example.com'"
}
