/// Where the installation identity is kept between runs.
///
/// The PSA keeps it in a file under `PSA_DATA_DIR` (``FileInstallationStore``); a database-backed
/// store can take its place without the SDK noticing.
public protocol InstallationStore: Sendable {
    /// The stored installation, or `nil` when none has been stored yet.
    func load() throws -> Installation?
    /// Stores `installation`, replacing what was stored.
    func save(_ installation: Installation) throws
}
