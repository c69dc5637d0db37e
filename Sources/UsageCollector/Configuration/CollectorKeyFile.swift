import Foundation

/// Secrets generated on first start and kept in the data directory, for collectors started without
/// `COLLECTOR_PROJECT_KEYS` or `COLLECTOR_ADMIN_TOKEN` (`psa collector`, and `psa serve` which embeds it).
public enum CollectorKeyFile {
    /// The key in `<directory>/project-key`, created (`phc_` and 32 random hex digits) if missing.
    public static func loadOrCreate(directory: String) throws -> String {
        try Self.loadOrCreate(path: directory + "/project-key", directory: directory) { "phc_" + Self.randomHex(16) }
    }

    /// The token in `<directory>/admin-token`, created (64 random hex digits, readable by the owner only)
    /// if missing.
    public static func loadOrCreateAdminToken(directory: String) throws -> String {
        try Self.loadOrCreate(path: directory + "/admin-token", directory: directory) { Self.randomHex(32) }
    }

    private static func loadOrCreate(path: String, directory: String, make: () -> String) throws -> String {
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            let value = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty { return value }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let value = make()
        guard
            FileManager.default.createFile(
                atPath: path,
                contents: Data((value + "\n").utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw CollectorConfigurationError(variable: path, reason: "could not be written") }
        return value
    }

    private static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }.joined()
    }
}
