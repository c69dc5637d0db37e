import CompressNIO
import Foundation
import NIOCore

/// Stored events as PostHog capture input, for moving a history to another PostHog-compatible host
/// (`psa collector replay`): each event keeps its uuid, so the receiver drops any it already holds.
public enum HistoricalBatch {
    /// A gzipped `POST /batch/` body: `{"api_key": …, "historical_migration": true, "batch": [...]}`, each event
    /// with its `uuid`, `event`, `distinct_id`, `timestamp` (microseconds) and `properties` as stored.
    public static func gzippedBody(_ records: [EventRecord], apiKey: String) throws -> ByteBuffer {
        var text = #"{"api_key": \#(JSONText.quoted(apiKey)), "historical_migration": true, "batch": ["#
        for (index, record) in records.enumerated() {
            if index > 0 { text += "," }
            text +=
                #"{"uuid":"\#(UUIDBytes.text(record.uuid))","event":\#(JSONText.quoted(record.event)),"#
                + #""distinct_id":\#(JSONText.quoted(record.distinctID)),"#
                + #""timestamp":"\#(ISO8601Timestamp.format(record.timestamp))","properties":\#(record.properties)}"#
        }
        text += "]}"
        var plain = ByteBuffer(string: text)
        return try plain.compress(with: .gzip())
    }

    /// An ISO-8601 time, or a date alone (midnight UTC), in microseconds since the epoch, as the export's
    /// `from` and `to` parameters read it.
    public static func microseconds(fromTime text: String) -> Int64? {
        ManagementController.time(text)
    }

    /// Reads a line of an NDJSON export (`GET /api/export?format=ndjson`) with capture's validation.
    /// - Returns: the event, its project set to `project`; nil for a blank line
    /// - Throws: ``IngestError`` saying what is wrong with the line
    public static func record(exportLine line: Substring, project: String) throws(IngestError) -> EventRecord? {
        guard line.contains(where: { !$0.isWhitespace }) else { return nil }
        let validator = CaptureValidator(projectKeys: ProjectKeys(keys: [project]), limits: IngestLimits())
        var text = String(line)
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let result: Result<[EventRecord], IngestError> = text.withUTF8 { bytes in
            do throws(IngestError) {
                return .success(
                    try validator.records(json: bytes, now: now, fallbackKey: project, singleEventOnly: true))
            } catch {
                return .failure(error)
            }
        }
        return try result.get().first
    }
}
