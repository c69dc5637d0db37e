import Synchronization

/// An installation identity kept in memory only: for previews and tests, never for a real installation.
public final class EphemeralInstallationStore: InstallationStore {
    private let stored: Mutex<Installation?>

    /// A store holding `installation`, or nothing until the client creates one.
    public init(_ installation: Installation? = nil) {
        stored = Mutex(installation)
    }

    public func load() throws -> Installation? { stored.withLock { $0 } }

    public func save(_ installation: Installation) throws { stored.withLock { $0 = installation } }
}
