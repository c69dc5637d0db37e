import Crypto
import Foundation
import UsageAnalytics
import UsageAnalyticsTesting

/// The distinct ids the SDK must send, computed here independently from the fixture installation's secret.
enum ExpectedID {
    /// `i_` + HMAC(secret, tenant): the one id per tenant (on-premise, and tenant-level events).
    static func tenant(_ tenantID: String) -> String {
        "i_" + hmac(Array(tenantID.utf8))
    }

    /// `u_` + HMAC(secret, tenant NUL user): a hosted, anonymized user.
    static func user(_ userID: String, tenant tenantID: String) -> String {
        "u_" + hmac(Array(tenantID.utf8) + [0] + Array(userID.utf8))
    }

    /// `i_` + HMAC(secret, installation id): events with no tenant.
    static var installation: String {
        "i_" + hmac(Array(Installation.fixture.id.utf8))
    }

    private static func hmac(_ message: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Installation.fixture.secret))
        return String(code.map { String(format: "%02x", $0) }.joined().prefix(32))
    }
}

extension CapturedEvent {
    /// The exact bytes sent, as text, to search for values that must never appear.
    var wireText: String { String(decoding: json, as: UTF8.self) }
}
