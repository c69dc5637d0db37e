import Foundation

/// One installation of the PSA: its id and the secret every distinct id is hashed with.
///
/// The secret is 32 random bytes made on first start; it never leaves the process.
public struct Installation: Sendable, Equatable {
    /// The installation's stable id; only ever sent hashed.
    public var id: String
    /// The HMAC key for every id the SDK sends.
    public var secret: [UInt8]
    /// When the installation was created.
    public var createdAt: Date
    /// When the first-run notice was shown, if it has been.
    public var noticeShownAt: Date?

    /// Creates an installation from stored values.
    public init(id: String, secret: [UInt8], createdAt: Date, noticeShownAt: Date? = nil) {
        self.id = id
        self.secret = secret
        self.createdAt = createdAt
        self.noticeShownAt = noticeShownAt
    }

    /// A new installation with a random id and a random 32-byte secret.
    public static func generate(now: Date = Date()) -> Installation {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Installation(id: UUID().uuidString.lowercased(), secret: secret, createdAt: now)
    }
}
