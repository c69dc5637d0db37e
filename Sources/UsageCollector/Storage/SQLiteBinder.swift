import GRDBSQLite

/// Binds Swift values to a raw SQLite statement without GRDB's per-value boxing: the ingest hot path.
public enum SQLiteBinder {
    /// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
    public static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds `text` as TEXT at the 1-based `index`.
    public static func bind(_ text: String, to statement: OpaquePointer, at index: Int32) {
        var text = text
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(statement, index, base, Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            }
        }
    }
}
