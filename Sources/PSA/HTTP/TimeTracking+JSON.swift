import Hummingbird

extension TimeEntry: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, billable, notes
        case userID = "user_id"
        case ticketID = "ticket_id"
        case clientID = "client_id"
        case serviceID = "service_id"
        case workItemType = "work_item_type"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case durationMinutes = "duration_minutes"
        case invoiceID = "invoice_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(userID, forKey: .userID)
        try container.encode(ticketID, forKey: .ticketID)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(serviceID, forKey: .serviceID)
        try container.encode(workItemType.rawValue, forKey: .workItemType)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(durationMinutes, forKey: .durationMinutes)
        try container.encode(isBillable, forKey: .billable)
        try container.encode(notes, forKey: .notes)
        try container.encode(invoiceID, forKey: .invoiceID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

extension TimesheetTotals: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, status
        case userID = "user_id"
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case periodDays = "period_days"
        case entryCount = "entry_count"
        case totalMinutes = "total_minutes"
        case submittedAt = "submitted_at"
        case decidedAt = "decided_at"
        case decidedBy = "decided_by"
        case rejectionReason = "rejection_reason"
    }

    /// Days as `YYYY-MM-DD`, `period_end` the last day included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sheet.id, forKey: .id)
        try container.encode(sheet.userID, forKey: .userID)
        try container.encode(FieldRules.dayText(sheet.period.start), forKey: .periodStart)
        try container.encode(FieldRules.dayText(sheet.period.end.addingTimeInterval(-86_400)), forKey: .periodEnd)
        try container.encode(sheet.period.days, forKey: .periodDays)
        try container.encode(sheet.status.rawValue, forKey: .status)
        try container.encode(entryCount, forKey: .entryCount)
        try container.encode(totalMinutes, forKey: .totalMinutes)
        try container.encode(sheet.submittedAt, forKey: .submittedAt)
        try container.encode(sheet.decidedAt, forKey: .decidedAt)
        try container.encode(sheet.decidedBy, forKey: .decidedBy)
        try container.encode(sheet.rejectionReason, forKey: .rejectionReason)
    }
}
