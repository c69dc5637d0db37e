import Foundation

/// How the web dashboard at `/` signs people in; every field has a default.
public struct DashboardConfiguration: Sendable {
    /// Mark the session cookie `Secure` even when a request does not say it came over TLS
    /// (`COLLECTOR_SECURE_COOKIES=true`, for a collector behind a TLS-terminating proxy that does not send
    /// `X-Forwarded-Proto`).
    public var secureCookies: Bool
    /// How long a session lasts after sign-in (`COLLECTOR_SESSION_MINUTES`, default 480).
    public var sessionLifetime: Duration
    /// The clock sessions expire by; tests move it forward.
    public var now: @Sendable () -> Date

    /// Creates a configuration.
    /// - Parameters:
    ///   - secureCookies: always mark the session cookie `Secure`
    ///   - sessionLifetime: how long a session lasts after sign-in
    ///   - now: the clock sessions expire by
    public init(
        secureCookies: Bool = false,
        sessionLifetime: Duration = .seconds(8 * 3600),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.now = now
    }

    /// Applies `COLLECTOR_SECURE_COOKIES` and `COLLECTOR_SESSION_MINUTES` from `environment`.
    /// - Throws: ``CollectorConfigurationError`` naming the variable when a value is malformed.
    public mutating func apply(environment: [String: String]) throws {
        if let secure = environment["COLLECTOR_SECURE_COOKIES"] {
            switch secure.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": self.secureCookies = true
            case "false", "0", "no": self.secureCookies = false
            default:
                throw CollectorConfigurationError(
                    variable: "COLLECTOR_SECURE_COOKIES", reason: "expected true or false, got \"\(secure.prefix(40))\""
                )
            }
        }
        if let minutes = environment["COLLECTOR_SESSION_MINUTES"] {
            guard let parsed = Int(minutes.trimmingCharacters(in: .whitespaces)), (1...43_200).contains(parsed) else {
                throw CollectorConfigurationError(
                    variable: "COLLECTOR_SESSION_MINUTES",
                    reason: "expected whole minutes from 1 to 43200 (30 days), got \"\(minutes.prefix(40))\"")
            }
            self.sessionLifetime = .seconds(parsed * 60)
        }
    }
}
