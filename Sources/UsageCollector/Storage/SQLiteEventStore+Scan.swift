import Foundation
import GRDB
import GRDBSQLite

extension SQLiteEventStore {
    /// Reads every event in rowid (arrival) order inside one read transaction, with raw column reads: the
    /// insights engine's rebuild at start.
    public func scanAll(pageSize: Int, _ body: @escaping @Sendable ([EventRecord]) throws -> Void) async throws {
        try await self.pool.read { db in
            let statement = try db.makeStatement(
                sql:
                    "SELECT project, uuid, event, distinct_id, timestamp, properties, received_at FROM events ORDER BY id"
            )
            let raw = statement.sqliteStatement
            var page: [EventRecord] = []
            page.reserveCapacity(pageSize)
            while true {
                let code = sqlite3_step(raw)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code),
                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                guard sqlite3_column_bytes(raw, 1) == 16, let blob = sqlite3_column_blob(raw, 1) else { continue }
                let uuid = UUID(uuid: blob.loadUnaligned(as: uuid_t.self))
                page.append(
                    EventRecord(
                        project: Self.text(raw, 0),
                        uuid: uuid,
                        event: Self.text(raw, 2),
                        distinctID: Self.text(raw, 3),
                        timestamp: sqlite3_column_int64(raw, 4),
                        properties: Self.text(raw, 5),
                        receivedAt: sqlite3_column_int64(raw, 6)
                    )
                )
                if page.count == pageSize {
                    try body(page)
                    page.removeAll(keepingCapacity: true)
                }
            }
            if !page.isEmpty { try body(page) }
        }
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
