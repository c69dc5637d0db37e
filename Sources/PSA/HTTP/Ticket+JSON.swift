import Hummingbird

extension Ticket: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, number, title, description, status, priority, category, subcategory, source
        case boardID = "board_id"
        case clientID = "client_id"
        case assigneeID = "assignee_id"
        case enteredBy = "entered_by"
        case enteredAt = "entered_at"
        case updatedAt = "updated_at"
        case assignedAt = "assigned_at"
        case closedAt = "closed_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(status, forKey: .status)
        try container.encode(priority.rawValue, forKey: .priority)
        try container.encode(category, forKey: .category)
        try container.encode(subcategory, forKey: .subcategory)
        try container.encode(source.rawValue, forKey: .source)
        try container.encode(boardID, forKey: .boardID)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(assigneeID, forKey: .assigneeID)
        try container.encode(enteredBy, forKey: .enteredBy)
        try container.encode(enteredAt, forKey: .enteredAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(assignedAt, forKey: .assignedAt)
        try container.encode(closedAt, forKey: .closedAt)
    }
}

extension Comment: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, body, resolution
        case isInternal = "internal"
        case ticketID = "ticket_id"
        case authorID = "author_id"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(ticketID, forKey: .ticketID)
        try container.encode(authorID, forKey: .authorID)
        try container.encode(body, forKey: .body)
        try container.encode(isInternal, forKey: .isInternal)
        try container.encode(isResolution, forKey: .resolution)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

extension User: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, email, name, role, active
        case tenantID = "tenant_id"
        case clientID = "client_id"
        case hasTwoFactor = "has_two_factor"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(tenantID, forKey: .tenantID)
        try container.encode(email, forKey: .email)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(isActive, forKey: .active)
        try container.encode(hasTwoFactor, forKey: .hasTwoFactor)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

extension Client: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

/// A list response: `{"results": [...]}`, plus `next_cursor` for paged ones.
struct ResultList<Element: Encodable & Sendable>: ResponseEncodable {
    var results: [Element]
    var nextCursor: String??

    private enum CodingKeys: String, CodingKey {
        case results
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(results, forKey: .results)
        if let nextCursor { try container.encode(nextCursor, forKey: .nextCursor) }
    }
}
