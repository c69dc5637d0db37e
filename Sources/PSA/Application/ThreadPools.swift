import NIOCore
import NIOPosix

/// The PSA's blocking work, each kind on threads of its own, so that one kind cannot starve the other:
/// bcrypt takes about 0.3 s a hash, and SQLite's queries must not queue behind a burst of sign-ins.
enum ThreadPools {
    /// bcrypt's threads, one per core.
    static let passwords: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount))
        pool.start()
        return pool
    }()

    /// SQLite's threads, one per core (sqlite-nio runs every query on its pool).
    static let sqlite: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount))
        pool.start()
        return pool
    }()
}
