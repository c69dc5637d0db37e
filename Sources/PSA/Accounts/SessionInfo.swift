import Foundation

/// A live session as its owner sees it: never its token.
public struct SessionInfo: Sendable, Equatable {
    public var id: String
    public var provider: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date
}

extension SessionInfo {
    init(row: SQLRow) throws {
        self.init(
            id: try row.string("id"), provider: try row.optionalString("provider") ?? "credentials",
            createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"),
            expiresAt: try row.date("expires_at"))
    }
}
