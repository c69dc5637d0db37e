/// Runs statements, inside a transaction or one at a time.
public protocol SQLSession: Sendable {
    /// Runs `statement` and returns its rows (none for statements that return none).
    @discardableResult
    func query(_ statement: SQLStatement) async throws -> [SQLRow]
}

/// The PSA's SQL database: SQLite (embedded, the default) or PostgreSQL, behind one interface, so every
/// query is written once. Each engine renders placeholders its own way (``SQLStatement``).
public protocol SQLDatabase: SQLSession {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result: Sendable>(_ body: @Sendable (any SQLSession) async throws -> Result) async throws
        -> Result

    /// Releases connections; the database is unusable afterwards.
    func close() async throws
}
