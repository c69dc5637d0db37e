import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Hashes and verifies passwords with bcrypt on its own thread pool, off the server's event loops and
/// the database's threads, with a bounded queue: beyond it a request is answered 503 at once instead of
/// waiting behind a burst of sign-ins.
struct PasswordHasher: Sendable {
    private let cost: UInt8
    private let threadPool: NIOThreadPool
    private let pending: PendingCount
    /// Hashes queued or running before new ones are refused.
    static let maximumPending = 64
    /// A hash of a random password at the same cost: verified when the account does not exist, so that an
    /// unknown email costs the same time as a wrong password.
    private let decoyHash: String

    /// A hasher with bcrypt `cost` (4 to 31; 12 in production).
    init(cost: UInt8, threadPool: NIOThreadPool) {
        self.cost = cost
        self.threadPool = threadPool
        self.pending = PendingCount()
        self.decoyHash = Bcrypt.hash(UUIDText.make(), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        try await bounded { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `hash` was made at another cost than this hasher's (`$2b$12$…`), and should be remade.
    func needsRehash(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$")
        return parts.count >= 2 && Int(parts[1]) != Int(cost)
    }

    /// Whether `password` matches `hash`; with no hash (unknown account) the decoy is verified and the answer
    /// is false.
    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let matches = try await bounded { [decoyHash] in Bcrypt.verify(password, hash: hash ?? decoyHash) }
        return hash != nil && matches
    }

    private func bounded<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async throws -> Result {
        guard pending.enter(limit: Self.maximumPending) else { throw RequestError.busy }
        defer { pending.leave() }
        return try await threadPool.runIfActive(work)
    }
}

/// The number of bcrypt jobs queued or running.
private final class PendingCount: Sendable {
    private let count = Mutex(0)

    func enter(limit: Int) -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() {
        count.withLock { $0 -= 1 }
    }
}

extension RequestError {
    /// A 503 when too many passwords are being checked at once.
    static var busy: RequestError {
        var error = RequestError(
            status: .serviceUnavailable, type: "unavailable", code: "busy",
            detail: "Too many sign-ins are being checked; try again in a moment.")
        error.retryAfterSeconds = 1
        return error
    }
}
