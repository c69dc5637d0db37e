import Foundation
import UsageAnalytics

/// A ticket as stored and as clients read it.
public struct Ticket: Sendable, Equatable {
    public var id: String
    public var tenantID: String
    /// Per tenant, from 1, in creation order.
    public var number: Int64
    public var title: String
    public var description: String?
    public var status: TicketStatus
    public var priority: TicketPriority
    public var category: String?
    public var subcategory: String?
    public var boardID: String
    public var clientID: String?
    public var assigneeID: String?
    public var source: TicketChannel
    public var enteredBy: String
    public var enteredAt: Date
    public var updatedAt: Date
    /// When the current assignee was assigned.
    public var assignedAt: Date?
    /// When the ticket was first assigned to anyone.
    public var firstAssignedAt: Date?
    public var closedAt: Date?
}

extension Ticket {
    init(row: SQLRow) throws {
        guard let status = TicketStatus(rawValue: try row.string("status")) else {
            throw DatabaseError.unexpectedValue(column: "status")
        }
        guard let priority = TicketPriority(rawValue: try row.string("priority")) else {
            throw DatabaseError.unexpectedValue(column: "priority")
        }
        guard let source = TicketChannel(rawValue: try row.string("source")) else {
            throw DatabaseError.unexpectedValue(column: "source")
        }
        self.init(
            id: try row.string("id"), tenantID: try row.string("tenant_id"), number: try row.integer("number"),
            title: try row.string("title"), description: try row.optionalString("description"), status: status,
            priority: priority, category: try row.optionalString("category"),
            subcategory: try row.optionalString("subcategory"), boardID: try row.string("board_id"),
            clientID: try row.optionalString("client_id"), assigneeID: try row.optionalString("assignee_id"),
            source: source, enteredBy: try row.string("entered_by"), enteredAt: try row.date("entered_at"),
            updatedAt: try row.date("updated_at"), assignedAt: try row.optionalDate("assigned_at"),
            firstAssignedAt: try row.optionalDate("first_assigned_at"), closedAt: try row.optionalDate("closed_at"))
    }

    /// The columns ``init(row:)`` reads.
    static let columns = """
        id, tenant_id, number, title, description, status, priority, category, subcategory, board_id, client_id, \
        assignee_id, source, entered_by, entered_at, updated_at, assigned_at, first_assigned_at, closed_at
        """

    /// The text a search matches: title, description and number, folded so that case and accents do not
    /// matter, the same way on both engines (their own `lower()` functions disagree beyond ASCII).
    var searchText: String {
        Self.fold("#\(number) \(title) \(description ?? "")")
    }

    /// The folded title, which relevance ranking compares the query with.
    var titleText: String {
        Self.fold(title)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// How the ticket came in, for `ticket_created`.
    var ticketType: TicketType {
        switch source {
        case .email: .fromEmail
        case .clientPortal: .fromPortal
        case .assetPage: .fromAsset
        case .webApp, .api: .manual
        }
    }
}
