import Foundation

/// A project key generated on first start and kept in the data directory, for collectors started without
/// `COLLECTOR_PROJECT_KEYS`.
public enum CollectorKeyFile {
    /// The key in `<directory>/project-key`, created (`phc_` and 32 random hex digits) if missing.
    public static func loadOrCreate(directory: String) throws -> String {
        let path = directory + "/project-key"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            let key = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            if !key.isEmpty { return key }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let key =
            "phc_" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        try (key + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return key
    }
}
