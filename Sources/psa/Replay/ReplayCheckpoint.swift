import Foundation

/// How far a replay got, kept in a file after every batch the target acknowledged, so that an interrupted
/// replay resumes where it stopped. A batch sent again after a crash is harmless: events keep their uuids.
struct ReplayCheckpoint: Codable, Equatable {
    /// The target, source and filters: a checkpoint resumes only the replay that wrote it.
    var scope: String
    /// Events acknowledged so far.
    var sent: Int
    /// Stored events: the (timestamp, uuid) of the last acknowledged event.
    var afterTimestamp: Int64?
    var afterUUID: UUID?
    /// An export file: the number of lines read up to the last acknowledged event.
    var afterLine: Int?
    /// Whether every event was acknowledged.
    var complete: Bool

    enum CodingKeys: String, CodingKey {
        case scope, sent, complete
        case afterTimestamp = "after_timestamp"
        case afterUUID = "after_uuid"
        case afterLine = "after_line"
    }

    /// The checkpoint at `path` for `scope`: a fresh one when the file does not exist.
    /// - Throws: ``ReplayError`` when the file is unreadable, malformed, or belongs to another replay.
    static func load(path: String, scope: String) throws -> ReplayCheckpoint {
        guard FileManager.default.fileExists(atPath: path) else {
            return ReplayCheckpoint(scope: scope, sent: 0, complete: false)
        }
        let checkpoint: ReplayCheckpoint
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count < 64 * 1024 else { throw ReplayError("the checkpoint \(path) is too large") }
            checkpoint = try JSONDecoder().decode(ReplayCheckpoint.self, from: data)
        } catch let error as ReplayError {
            throw error
        } catch {
            throw ReplayError("the checkpoint \(path) is not a replay checkpoint; delete it to start over")
        }
        guard checkpoint.scope == scope, checkpoint.sent >= 0 else {
            throw ReplayError(
                "the checkpoint \(path) belongs to another replay (\(checkpoint.scope.prefix(200))); "
                    + "delete it or pass another --checkpoint")
        }
        return checkpoint
    }

    /// Writes the checkpoint to `path` atomically (a crash leaves the old or the new one, never half of it).
    func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Why a replay stopped; printed by `psa collector replay` before it exits non-zero.
struct ReplayError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = String(description.prefix(500))
    }
}
