import Foundation
import Synchronization

/// Counts failed sign-ins per account and per client address, and locks either out for a while once it
/// has failed too often within the window.
///
/// Keys are the submitted email (whether or not an account has it, so a lock-out reveals nothing) and
/// the client address. State is this process's memory, bounded by ``maximumKeys``.
public final class LoginThrottle: Sendable {
    /// Failures within ``window`` before a lock-out, and how long the lock-out lasts.
    public struct Limits: Sendable, Equatable {
        public var failuresPerAccount = 5
        public var failuresPerAddress = 20
        public var window: TimeInterval = 15 * 60
        public var lockout: TimeInterval = 15 * 60

        /// The defaults: 5 failures per account or 20 per address within 15 minutes lock out for 15 minutes.
        public init() {}
    }

    private struct Record {
        var failures: [Date] = []
        var lockedUntil: Date?
    }

    private let limits: Limits
    private let now: @Sendable () -> Date
    private let records = Mutex<[String: Record]>([:])
    static let maximumKeys = 100_000

    init(limits: Limits, now: @escaping @Sendable () -> Date) {
        self.limits = limits
        self.now = now
    }

    /// The seconds until `email` or `address` may try again, or nil when neither is locked out.
    func retryAfter(email: String, address: String?) -> Int? {
        let now = now()
        return records.withLock { records in
            let keys = Self.keys(email: email, address: address)
            let waits = keys.compactMap { key -> TimeInterval? in
                guard let until = records[key]?.lockedUntil, until > now else { return nil }
                return until.timeIntervalSince(now)
            }
            guard let longest = waits.max() else { return nil }
            return max(1, Int(longest.rounded(.up)))
        }
    }

    /// Records a failed attempt; returns whether it locked the account or the address out.
    @discardableResult
    func recordFailure(email: String, address: String?) -> Bool {
        let now = now()
        return records.withLock { records in
            if records.count >= Self.maximumKeys { Self.prune(&records, now: now, window: limits.window) }
            var lockedOut = false
            for key in Self.keys(email: email, address: address) {
                let limit = key.hasPrefix("account:") ? limits.failuresPerAccount : limits.failuresPerAddress
                var record = records[key] ?? Record()
                record.failures.removeAll { now.timeIntervalSince($0) > limits.window }
                record.failures.append(now)
                if record.failures.count >= limit {
                    record.lockedUntil = now.addingTimeInterval(limits.lockout)
                    record.failures.removeAll()
                    lockedOut = true
                }
                records[key] = record
            }
            return lockedOut
        }
    }

    /// Forgets the account's failures after a successful sign-in (the address keeps its count).
    func recordSuccess(email: String) {
        _ = records.withLock { $0.removeValue(forKey: "account:" + email) }
    }

    private static func keys(email: String, address: String?) -> [String] {
        ["account:" + email] + (address.map { ["address:" + $0] } ?? [])
    }

    /// Drops records with no recent failure and no lock-out in force.
    private static func prune(_ records: inout [String: Record], now: Date, window: TimeInterval) {
        records = records.filter { _, record in
            (record.lockedUntil.map { $0 > now } ?? false)
                || record.failures.contains { now.timeIntervalSince($0) <= window }
        }
    }
}
