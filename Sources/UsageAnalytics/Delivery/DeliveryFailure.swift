/// Why a destination did not accept a batch, classified for the retry policy.
public struct DeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the retry policy should do about the failure.
    public enum Kind: Sendable, Equatable {
        /// Worth trying again: a network error, 408, 429, 500, 502, 503, 504.
        case transient
        /// Never worth retrying: 400, 401, 403 and other 4xx. The batch is dropped and counted.
        case rejected
        /// The request was too large (413): split the batch.
        case tooLarge
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// The HTTP status, when the destination answered.
    public let statusCode: Int?
    /// How long the destination asked us to wait (`Retry-After`), if it did.
    public let retryAfter: Duration?
    /// A bounded, value-free explanation for logs.
    public let reason: String

    /// A failure of `kind`.
    public init(kind: Kind, statusCode: Int? = nil, retryAfter: Duration? = nil, reason: String) {
        self.kind = kind
        self.statusCode = statusCode
        self.retryAfter = retryAfter
        self.reason = String(reason.prefix(200))
    }

    /// The failure an HTTP status means, or `nil` for success (2xx).
    public static func forStatus(_ status: Int, retryAfter: Duration? = nil) -> DeliveryFailure? {
        switch status {
        case 200..<300: nil
        case 408, 429, 500, 502, 503, 504:
            DeliveryFailure(kind: .transient, statusCode: status, retryAfter: retryAfter, reason: "HTTP \(status)")
        case 413: DeliveryFailure(kind: .tooLarge, statusCode: status, reason: "HTTP 413")
        case 400..<500: DeliveryFailure(kind: .rejected, statusCode: status, reason: "HTTP \(status)")
        default: DeliveryFailure(kind: .transient, statusCode: status, reason: "HTTP \(status)")
        }
    }

    public var description: String { reason }
}
