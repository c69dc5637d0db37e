import Foundation

/// A comment on a ticket: external (the client sees it), internal (staff only), or the resolution.
public struct Comment: Sendable, Equatable {
    public var id: String
    public var ticketID: String
    public var authorID: String
    public var body: String
    public var isInternal: Bool
    public var isResolution: Bool
    public var createdAt: Date
}

extension Comment {
    init(row: SQLRow) throws {
        self.init(
            id: try row.string("id"), ticketID: try row.string("ticket_id"), authorID: try row.string("author_id"),
            body: try row.string("body"), isInternal: try row.bool("internal"),
            isResolution: try row.bool("resolution"),
            createdAt: try row.date("created_at"))
    }

    /// Whether the body uses Markdown formatting: emphasis, code, headings, lists or links.
    static func hasFormatting(_ body: String) -> Bool {
        if body.contains("**") || body.contains("__") || body.contains("`") { return true }
        if body.range(of: #"\[[^\]\n]+\]\([^)\s]+\)"#, options: .regularExpression) != nil { return true }
        return body.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("# ") || trimmed.hasPrefix("## ") || trimmed.hasPrefix("- ")
                || trimmed.hasPrefix("* ") || trimmed.hasPrefix("> ")
                || trimmed.range(of: #"^\d+\. "#, options: .regularExpression) != nil
        }
    }
}
