import Foundation

/// The SQL of tickets and comments, written once for both engines. Every query is scoped by tenant.
struct TicketStore: Sendable {
    /// Allocates the tenant's next ticket number inside the caller's transaction.
    func nextNumber(tenantID: String, in session: any SQLSession) async throws -> Int64 {
        let rows = try await session.query(
            """
            UPDATE tenants SET next_ticket_number = next_ticket_number + 1 WHERE id = \(tenantID)
            RETURNING next_ticket_number - 1 AS number
            """)
        guard let row = rows.first else { throw RequestError.notFound("tenant") }
        return try row.integer("number")
    }

    /// The board `id` of the tenant, or its default board when `id` is nil; nil when there is no such board.
    func boardID(_ id: String?, tenantID: String, in session: any SQLSession) async throws -> String? {
        let rows: [SQLRow]
        if let id {
            rows = try await session.query("SELECT id FROM boards WHERE id = \(id) AND tenant_id = \(tenantID)")
        } else {
            rows = try await session.query(
                "SELECT id FROM boards WHERE tenant_id = \(tenantID) AND is_default = 1 ORDER BY created_at LIMIT 1")
        }
        return try rows.first?.string("id")
    }

    func insert(_ ticket: Ticket, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO tickets (id, tenant_id, number, title, description, search_text, title_text, status, priority,
                category, subcategory, board_id, client_id, assignee_id, source, entered_by, entered_at, updated_at,
                assigned_at, first_assigned_at, closed_at)
            VALUES (\(ticket.id), \(ticket.tenantID), \(ticket.number), \(ticket.title), \(ticket.description),
                \(ticket.searchText), \(ticket.titleText), \(ticket.status.rawValue), \(ticket.priority.rawValue), \(ticket.category),
                \(ticket.subcategory), \(ticket.boardID), \(ticket.clientID), \(ticket.assigneeID),
                \(ticket.source.rawValue), \(ticket.enteredBy), \(ticket.enteredAt), \(ticket.updatedAt),
                \(ticket.assignedAt), \(ticket.firstAssignedAt), \(ticket.closedAt))
            """)
    }

    func ticket(id: String, tenantID: String, in session: any SQLSession) async throws -> Ticket? {
        try await session.query(
            "SELECT \(raw: Ticket.columns) FROM tickets WHERE id = \(id) AND tenant_id = \(tenantID)"
        ).first.map(Ticket.init(row:))
    }

    /// The ticket, locked until the caller's transaction ends: a write that changes nothing takes the row
    /// lock on PostgreSQL, so concurrent updates of one ticket run one after the other (SQLite's
    /// transactions already do), and each computes its events from what the previous one stored.
    func lockedTicket(id: String, tenantID: String, in session: any SQLSession) async throws -> Ticket? {
        try await session.query(
            """
            UPDATE tickets SET id = id WHERE id = \(id) AND tenant_id = \(tenantID) RETURNING \(raw: Ticket.columns)
            """
        ).first.map(Ticket.init(row:))
    }

    func update(_ ticket: Ticket, in session: any SQLSession) async throws {
        try await session.query(
            """
            UPDATE tickets SET title = \(ticket.title), description = \(ticket.description),
                search_text = \(ticket.searchText), title_text = \(ticket.titleText), status = \(ticket.status.rawValue),
                priority = \(ticket.priority.rawValue), category = \(ticket.category),
                subcategory = \(ticket.subcategory), client_id = \(ticket.clientID), assignee_id = \(ticket.assigneeID),
                updated_at = \(ticket.updatedAt), assigned_at = \(ticket.assignedAt),
                first_assigned_at = \(ticket.firstAssignedAt), closed_at = \(ticket.closedAt)
            WHERE id = \(ticket.id) AND tenant_id = \(ticket.tenantID)
            """)
    }

    func touch(ticketID: String, tenantID: String, at time: Date, in session: any SQLSession) async throws {
        try await session.query(
            "UPDATE tickets SET updated_at = \(time) WHERE id = \(ticketID) AND tenant_id = \(tenantID)")
    }

    func delete(id: String, tenantID: String, in session: any SQLSession) async throws {
        try await session.query("DELETE FROM comments WHERE ticket_id = \(id) AND tenant_id = \(tenantID)")
        try await session.query("DELETE FROM tickets WHERE id = \(id) AND tenant_id = \(tenantID)")
    }

    func commentCount(ticketID: String, in session: any SQLSession) async throws -> Int64 {
        try await session.query("SELECT COUNT(*) AS count FROM comments WHERE ticket_id = \(ticketID)")
            .first?.integer("count") ?? 0
    }

    /// A page of tickets matching `search` in `order` (one more than the limit, to tell whether another page
    /// follows), each with its sort rank; `clientID` restricts a client user to their own.
    func search(
        _ search: TicketSearch, order: TicketOrder, tenantID: String, onlyClient clientID: String?,
        in session: any SQLSession
    ) async throws -> [(ticket: Ticket, rank: Int64)] {
        let rank = Self.rankExpression(order, text: search.text)
        var statement: SQLStatement = "SELECT \(raw: Ticket.columns), "
        statement += rank ?? "0"
        statement += " AS sort_rank FROM tickets WHERE tenant_id = \(tenantID)"
        if let clientID { statement += " AND client_id = \(clientID)" }
        if let text = search.text {
            let pattern = "%" + Self.escapeLike(Ticket.fold(text)) + "%"
            statement += " AND (search_text LIKE \(pattern) ESCAPE '\\'"
            if let number = Self.ticketNumber(in: text) { statement += " OR number = \(number)" }
            statement += ")"
        }
        let statuses = search.statuses ?? (search.includeClosed ? nil : TicketStatus.open)
        if let statuses {
            statement += " AND status IN ("
            for (index, status) in statuses.enumerated() {
                statement += index == 0 ? "\(status.rawValue)" : ", \(status.rawValue)"
            }
            statement += ")"
        }
        if let priority = search.priority { statement += " AND priority = \(priority.rawValue)" }
        if let client = search.clientID { statement += " AND client_id = \(client)" }
        switch search.assignee {
        case .user(let id): statement += " AND assignee_id = \(id)"
        case .unassigned: statement += " AND assignee_id IS NULL"
        case nil: break
        }
        if let after = search.after { statement += Self.continuation(after: after, rank: rank) }
        statement += " ORDER BY " + Self.orderBy(order)
        statement += " LIMIT \(search.limit + 1)"
        return try await session.query(statement).map { row in
            (try Ticket(row: row), try row.integer("sort_rank"))
        }
    }

    func insert(_ comment: Comment, tenantID: String, in session: any SQLSession) async throws {
        try await session.query(
            """
            INSERT INTO comments (id, tenant_id, ticket_id, author_id, body, internal, resolution, created_at)
            VALUES (\(comment.id), \(tenantID), \(comment.ticketID), \(comment.authorID), \(comment.body),
                \(comment.isInternal), \(comment.isResolution), \(comment.createdAt))
            """)
    }

    func comments(ticketID: String, includeInternal: Bool, in session: any SQLSession) async throws -> [Comment] {
        var statement: SQLStatement = """
            SELECT id, ticket_id, author_id, body, internal, resolution, created_at FROM comments
            WHERE ticket_id = \(ticketID)
            """
        if !includeInternal { statement += " AND internal = 0" }
        statement += " ORDER BY created_at, id"
        return try await session.query(statement).map(Comment.init(row:))
    }

    /// `text` with LIKE's wildcards and the escape character escaped.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// The ticket number `text` names (`42` or `#42`), if it is one.
    static func ticketNumber(in text: String) -> Int64? {
        let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber)
        else { return nil }
        return Int64(digits)
    }
}
