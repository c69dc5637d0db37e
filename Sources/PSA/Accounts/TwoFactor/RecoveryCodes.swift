import Crypto
import Foundation

/// Single-use recovery codes: ten `xxxxx-xxxxx` codes shown once at enrolment; only their SHA-256 is stored.
enum RecoveryCodes {
    static let count = 10

    static func generate() -> [String] {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let characters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return String(characters[0..<5]) + "-" + String(characters[5..<10])
        }
    }

    /// The stored form of a code as the user typed it (case and spaces ignored).
    static func hash(_ code: String) -> String {
        let normalized = code.lowercased().filter { !$0.isWhitespace }
        return SHA256.hash(data: Data(normalized.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `code` has the shape of a recovery code (so it is not tried as a TOTP code).
    static func looksLikeRecoveryCode(_ code: String) -> Bool {
        code.count == 11 && code.contains("-")
    }
}
