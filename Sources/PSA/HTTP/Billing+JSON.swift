import Hummingbird

extension BillableService: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, name
        case defaultRateMinor = "default_rate_minor"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(defaultRateMinor, forKey: .defaultRateMinor)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

extension BillingRule: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id
        case clientID = "client_id"
        case serviceID = "service_id"
        case ruleType = "rule_type"
        case rateMinor = "rate_minor"
        case minimumMinutes = "minimum_minutes"
        case roundingMinutes = "rounding_minutes"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(serviceID, forKey: .serviceID)
        try container.encode(kind.rawValue, forKey: .ruleType)
        try container.encode(rateMinor, forKey: .rateMinor)
        try container.encode(minimumMinutes, forKey: .minimumMinutes)
        try container.encode(roundingMinutes, forKey: .roundingMinutes)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

extension Invoice: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, number, status, lines
        case clientID = "client_id"
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case subtotalMinor = "subtotal_minor"
        case taxBasisPoints = "tax_basis_points"
        case taxMinor = "tax_minor"
        case totalMinor = "total_minor"
        case paidMinor = "paid_minor"
        case balanceMinor = "balance_minor"
        case createdAt = "created_at"
        case sentAt = "sent_at"
        case deliveryMethod = "delivery_method"
    }

    /// Amounts in minor units; `period_end` is the last day included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(FieldRules.dayText(periodStart), forKey: .periodStart)
        try container.encode(FieldRules.dayText(periodEnd.addingTimeInterval(-86_400)), forKey: .periodEnd)
        try container.encode(status.rawValue, forKey: .status)
        try container.encode(subtotalMinor, forKey: .subtotalMinor)
        try container.encode(taxBasisPoints, forKey: .taxBasisPoints)
        try container.encode(taxMinor, forKey: .taxMinor)
        try container.encode(totalMinor, forKey: .totalMinor)
        try container.encode(paidMinor, forKey: .paidMinor)
        try container.encode(balanceMinor, forKey: .balanceMinor)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(sentAt, forKey: .sentAt)
        try container.encode(deliveryMethod?.rawValue, forKey: .deliveryMethod)
        try container.encode(lines, forKey: .lines)
    }
}

extension InvoiceLine: Encodable {
    private enum CodingKeys: String, CodingKey {
        case position, description
        case serviceID = "service_id"
        case ruleType = "rule_type"
        case entryCount = "entry_count"
        case workedMinutes = "worked_minutes"
        case billedMinutes = "billed_minutes"
        case rateMinor = "rate_minor"
        case amountMinor = "amount_minor"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(position, forKey: .position)
        try container.encode(serviceID, forKey: .serviceID)
        try container.encode(description, forKey: .description)
        try container.encode(kind.rawValue, forKey: .ruleType)
        try container.encode(entryCount, forKey: .entryCount)
        try container.encode(workedMinutes, forKey: .workedMinutes)
        try container.encode(billedMinutes, forKey: .billedMinutes)
        try container.encode(rateMinor, forKey: .rateMinor)
        try container.encode(amountMinor, forKey: .amountMinor)
    }
}

extension Payment: ResponseEncodable {
    private enum CodingKeys: String, CodingKey {
        case id, method
        case invoiceID = "invoice_id"
        case amountMinor = "amount_minor"
        case receivedAt = "received_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(invoiceID, forKey: .invoiceID)
        try container.encode(amountMinor, forKey: .amountMinor)
        try container.encode(method.rawValue, forKey: .method)
        try container.encode(receivedAt, forKey: .receivedAt)
    }
}
