import Foundation

/// Keeps the installation identity in `installation.json` in a directory, readable by its owner only.
public struct FileInstallationStore: InstallationStore {
    /// The directory that holds the file.
    public let directory: String

    /// The file's path.
    public var path: String { directory + "/installation.json" }

    /// A store in `directory`, created (mode 0700) on first save.
    public init(directory: String) {
        self.directory = directory
    }

    public func load() throws -> Installation? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let data = try handle.read(upToCount: Self.maximumFileSize + 1) ?? Data()
        guard data.count <= Self.maximumFileSize else {
            throw InstallationStoreError.corrupt(path: path, reason: "larger than \(Self.maximumFileSize) bytes")
        }
        let record: Record
        do {
            record = try JSONDecoder.installation.decode(Record.self, from: data)
        } catch {
            throw InstallationStoreError.corrupt(path: path, reason: "not a valid installation record")
        }
        guard let secret = Data(base64Encoded: record.secret), secret.count == 32, !record.installationID.isEmpty else {
            throw InstallationStoreError.corrupt(path: path, reason: "the secret must be 32 bytes of base64")
        }
        return Installation(
            id: record.installationID, secret: Array(secret), createdAt: record.createdAt,
            noticeShownAt: record.noticeShownAt)
    }

    public func save(_ installation: Installation) throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let record = Record(
            installationID: installation.id, secret: Data(installation.secret).base64EncodedString(),
            createdAt: installation.createdAt, noticeShownAt: installation.noticeShownAt)
        let data = try JSONEncoder.installation.encode(record)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw InstallationStoreError.unwritable(path: temporary)
        }
        // On disk before the rename, so a power cut leaves the old identity or the new one, never an empty file.
        if let handle = FileHandle(forWritingAtPath: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw InstallationStoreError.unwritable(path: path)
        }
    }

    static let maximumFileSize = 64 * 1024

    private struct Record: Codable {
        var installationID: String
        var secret: String
        var createdAt: Date
        var noticeShownAt: Date?

        enum CodingKeys: String, CodingKey {
            case installationID = "installation_id"
            case secret
            case createdAt = "created_at"
            case noticeShownAt = "notice_shown_at"
        }
    }
}

/// Why the installation identity could not be read or written.
public struct InstallationStoreError: Error, Sendable, CustomStringConvertible {
    public let description: String

    static func corrupt(path: String, reason: String) -> Self {
        Self(
            description: "\(path) is unreadable (\(reason)); move it aside to create a new installation identity, "
                + "which changes every distinct id")
    }

    static func unwritable(path: String) -> Self {
        Self(description: "cannot write \(path)")
    }
}

extension JSONDecoder {
    fileprivate static var installation: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    fileprivate static var installation: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
