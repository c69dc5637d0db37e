import HummingbirdBcrypt
import NIOPosix

/// Hashes and verifies passwords with bcrypt on its own thread pool, off the server's event loops and
/// the database's threads.
struct PasswordHasher: Sendable {
    private let cost: UInt8
    private let threadPool: NIOThreadPool
    /// A hash of a random password at the same cost: verified when the account does not exist, so that an
    /// unknown email costs the same time as a wrong password.
    private let decoyHash: String

    /// A hasher with bcrypt `cost` (4 to 31; 12 in production).
    init(cost: UInt8, threadPool: NIOThreadPool) {
        self.cost = cost
        self.threadPool = threadPool
        self.decoyHash = Bcrypt.hash(UUIDText.make(), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        try await threadPool.runIfActive { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `hash` was made at another cost than this hasher's (`$2b$12$…`), and should be remade.
    func needsRehash(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$")
        return parts.count >= 2 && Int(parts[1]) != Int(cost)
    }

    /// Whether `password` matches `hash`; with no hash (unknown account) the decoy is verified and the answer
    /// is false.
    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let matches = try await threadPool.runIfActive { [decoyHash] in
            Bcrypt.verify(password, hash: hash ?? decoyHash)
        }
        return hash != nil && matches
    }
}
