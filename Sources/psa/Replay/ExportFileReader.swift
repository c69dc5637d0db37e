import Foundation
import UsageCollector

/// Reads the events of an NDJSON export file (`GET /api/export?format=ndjson`) line by line, in bounded memory.
struct ExportFileReader {
    /// A line longer than this is refused (capture's largest single event is 2 MB).
    static let maxLineBytes = 4 * 1024 * 1024

    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts (lines are not removed one by one: that would copy the rest).
    private var start = 0
    private var atEnd = false
    /// Lines read so far.
    private(set) var lineNumber = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReplayError("cannot read the export file \(path)")
        }
        self.handle = handle
        self.path = path
    }

    /// The next event that `filter` selects, with the number of the line it was on; nil at the end of the file.
    /// - Throws: ``ReplayError`` naming the line when a line is not a valid event.
    mutating func nextEvent(matching filter: EventFilter) throws -> EventRecord? {
        while let line = try self.nextLine() {
            let record: EventRecord?
            do {
                record = try HistoricalBatch.record(exportLine: line, project: "replay")
            } catch {
                throw ReplayError("\(self.path) line \(self.lineNumber): \(error.detail)")
            }
            if let record, filter.matches(record) { return record }
        }
        return nil
    }

    private mutating func nextLine() throws -> Substring? {
        while true {
            if let newline = self.buffer[self.start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: self.buffer[self.start..<newline], as: UTF8.self)
                self.start = newline + 1
                self.lineNumber += 1
                return Substring(line)
            }
            if self.atEnd {
                guard self.start < self.buffer.count else { return nil }
                let line = String(decoding: self.buffer[self.start...], as: UTF8.self)
                self.start = self.buffer.count
                self.lineNumber += 1
                return Substring(line)
            }
            guard self.buffer.count - self.start <= Self.maxLineBytes else {
                throw ReplayError("\(self.path) line \(self.lineNumber + 1) is longer than \(Self.maxLineBytes) bytes")
            }
            self.buffer.removeSubrange(..<self.start)
            self.start = 0
            let chunk = try self.handle.read(upToCount: 256 * 1024) ?? Data()
            if chunk.isEmpty { self.atEnd = true } else { self.buffer.append(contentsOf: chunk) }
        }
    }
}
