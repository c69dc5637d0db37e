import Foundation
import Synchronization

/// Counts sign-in attempts per account and per client address, and locks either out for a while once too
/// many have failed within the window.
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

    /// Admits one attempt for `email` (when known) from `address`, or returns the seconds to wait when either
    /// is locked out.
    ///
    /// An admitted attempt counts as a failure at once, until ``succeeded(email:address:)`` settles it: many
    /// attempts sent at the same moment cannot all pass the check before the first one's failure is recorded.
    func admit(email: String?, address: String?) -> Int? {
        let now = now()
        return records.withLock { records in
            if records.count >= Self.maximumKeys { Self.prune(&records, now: now, window: limits.window) }
            let keys = Self.keys(email: email, address: address)
            let waits = keys.compactMap { key -> TimeInterval? in
                guard let until = records[key]?.lockedUntil, until > now else { return nil }
                return until.timeIntervalSince(now)
            }
            if let longest = waits.max() { return max(1, Int(longest.rounded(.up))) }
            for key in keys {
                let limit = key.hasPrefix("account:") ? limits.failuresPerAccount : limits.failuresPerAddress
                var record = records[key] ?? Record()
                record.failures.removeAll { now.timeIntervalSince($0) > limits.window }
                record.failures.append(now)
                if record.failures.count >= limit {
                    record.lockedUntil = now.addingTimeInterval(limits.lockout)
                    record.failures.removeAll()
                }
                records[key] = record
            }
            return nil
        }
    }

    /// Settles an admitted attempt as a success: the account's count and lock-out are forgotten, and the
    /// address gets its attempt back.
    func succeeded(email: String, address: String?) {
        records.withLock { records in
            records.removeValue(forKey: "account:" + email)
            if let address, var record = records["address:" + address], !record.failures.isEmpty {
                record.failures.removeLast()
                records["address:" + address] = record
            }
        }
    }

    private static func keys(email: String?, address: String?) -> [String] {
        (email.map { ["account:" + $0] } ?? []) + (address.map { ["address:" + $0] } ?? [])
    }

    /// Drops records with no recent failure and no lock-out in force.
    private static func prune(_ records: inout [String: Record], now: Date, window: TimeInterval) {
        records = records.filter { _, record in
            (record.lockedUntil.map { $0 > now } ?? false)
                || record.failures.contains { now.timeIntervalSince($0) <= window }
        }
    }
}
