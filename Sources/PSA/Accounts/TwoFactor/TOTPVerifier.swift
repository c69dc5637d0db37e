import Foundation
import HummingbirdOTP

/// RFC 6238 codes (SHA-1, 6 digits, 30 s): a code is accepted for the step before, the step of and the step
/// after `date`, and the step it matched is returned so that the caller can refuse it ever again.
struct TOTPVerifier: Sendable {
    static let stepSeconds = 30.0

    /// The step `code` matches for `seed` around `date`, or nil.
    static func matchingStep(of code: String, seed: String, at date: Date) -> Int64? {
        guard code.utf8.count == 6, code.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let value = Int(code)
        else { return nil }
        let totp = TOTP(secret: seed)
        let current = Int64(date.timeIntervalSince1970 / stepSeconds)
        for step in [current - 1, current, current + 1] where step >= 0 {
            if totp.compute(date: Date(timeIntervalSince1970: Double(step) * stepSeconds)) == value { return step }
        }
        return nil
    }

    /// A new seed: 20 characters of the base32 alphabet, whose bytes are the HMAC key (100 bits of entropy).
    static func makeSeed() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The `otpauth://` URI an authenticator app scans.
    static func provisioningURI(seed: String, account: String) -> String {
        TOTP(secret: seed).createAuthenticatorURL(label: "PSA:\(account)", issuer: "PSA")
    }
}
