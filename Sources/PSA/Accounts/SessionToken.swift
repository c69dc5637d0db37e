import Crypto
import Foundation

/// An opaque bearer token: 32 random bytes, base64url. Only its SHA-256 is stored, so a copy of the
/// database cannot be used to sign in.
struct SessionToken: Sendable {
    /// What the client sends.
    let value: String

    /// A new random token.
    static func generate() -> SessionToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return SessionToken(value: encoded)
    }

    /// A token as received, or nil when it cannot be one this service made (43 base64url characters).
    init?(received: Substring) {
        guard received.utf8.count == 43,
            received.utf8.allSatisfy({ byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            })
        else { return nil }
        self.value = String(received)
    }

    private init(value: String) {
        self.value = value
    }

    /// The stored form.
    var hash: String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
