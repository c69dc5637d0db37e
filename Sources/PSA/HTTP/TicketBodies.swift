import UsageAnalytics

/// `POST /api/tickets`.
struct NewTicketBody: JSONBody {
    var title: String
    var description: String?
    var priority: String?
    var category: String?
    var subcategory: String?
    var assigneeID: String?
    var source: String?
    var clientID: String?
    var boardID: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, description, priority, category, subcategory, source
        case assigneeID = "assignee_id"
        case clientID = "client_id"
        case boardID = "board_id"
    }

    init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        priority = try container.decodeIfPresent(String.self, forKey: .priority)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        subcategory = try container.decodeIfPresent(String.self, forKey: .subcategory)
        assigneeID = try container.decodeIfPresent(String.self, forKey: .assigneeID)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
        boardID = try container.decodeIfPresent(String.self, forKey: .boardID)
    }

    func draft() throws -> TicketService.Draft {
        TicketService.Draft(
            title: try FieldRules.text(title, field: "title", maximum: 200),
            description: try FieldRules.optionalText(
                description, field: "description", maximum: 20_000, multiline: true),
            priority: try priority.map { try FieldRules.choice($0, field: "priority", of: TicketPriority.self) },
            category: try FieldRules.optionalText(category, field: "category", maximum: 100),
            subcategory: try FieldRules.optionalText(subcategory, field: "subcategory", maximum: 100),
            assigneeID: try assigneeID.map { try FieldRules.identifier($0, field: "assignee_id") },
            source: try source.map { try FieldRules.choice($0, field: "source", of: TicketChannel.self) },
            clientID: try clientID.map { try FieldRules.identifier($0, field: "client_id") },
            boardID: try boardID.map { try FieldRules.identifier($0, field: "board_id") })
    }
}

/// `PATCH /api/tickets/{id}`: absent fields stay, `null` clears an optional one.
struct TicketChangesBody: JSONBody {
    var title: FieldUpdate<String> = .unchanged
    var description: FieldUpdate<String?> = .unchanged
    var status: FieldUpdate<String> = .unchanged
    var priority: FieldUpdate<String> = .unchanged
    var category: FieldUpdate<String?> = .unchanged
    var subcategory: FieldUpdate<String?> = .unchanged
    var assigneeID: FieldUpdate<String?> = .unchanged
    var clientID: FieldUpdate<String?> = .unchanged

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, description, status, priority, category, subcategory
        case assigneeID = "assignee_id"
        case clientID = "client_id"
    }

    init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeRequiredUpdate(String.self, forKey: .title)
        description = try container.decodeUpdate(String.self, forKey: .description)
        status = try container.decodeRequiredUpdate(String.self, forKey: .status)
        priority = try container.decodeRequiredUpdate(String.self, forKey: .priority)
        category = try container.decodeUpdate(String.self, forKey: .category)
        subcategory = try container.decodeUpdate(String.self, forKey: .subcategory)
        assigneeID = try container.decodeUpdate(String.self, forKey: .assigneeID)
        clientID = try container.decodeUpdate(String.self, forKey: .clientID)
    }

    func changes() throws -> TicketService.Changes {
        var changes = TicketService.Changes()
        if case .set(let value) = title {
            changes.title = .set(try FieldRules.text(value, field: "title", maximum: 200))
        }
        if case .set(let value) = description {
            changes.description = .set(
                try FieldRules.optionalText(value, field: "description", maximum: 20_000, multiline: true))
        }
        if case .set(let value) = status {
            changes.status = .set(try FieldRules.choice(value, field: "status", of: TicketStatus.self))
        }
        if case .set(let value) = priority {
            changes.priority = .set(try FieldRules.choice(value, field: "priority", of: TicketPriority.self))
        }
        if case .set(let value) = category {
            changes.category = .set(try FieldRules.optionalText(value, field: "category", maximum: 100))
        }
        if case .set(let value) = subcategory {
            changes.subcategory = .set(try FieldRules.optionalText(value, field: "subcategory", maximum: 100))
        }
        if case .set(let value) = assigneeID {
            changes.assigneeID = .set(try value.map { try FieldRules.identifier($0, field: "assignee_id") })
        }
        if case .set(let value) = clientID {
            changes.clientID = .set(try value.map { try FieldRules.identifier($0, field: "client_id") })
        }
        return changes
    }
}
