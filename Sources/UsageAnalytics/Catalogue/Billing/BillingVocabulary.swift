// The closed sets that billing events draw their values from.

/// How a payment was made.
public enum PaymentMethod: String, PropertyEnumeration {
    case creditCard = "credit_card"
    case bankTransfer = "bank_transfer"
    case check, cash, other
}

/// How an invoice reached the client.
public enum InvoiceDeliveryMethod: String, PropertyEnumeration {
    case email, portal, download
}

/// The pricing model of a billing rule.
public enum BillingRuleType: String, PropertyEnumeration {
    case fixed, hourly, usage, bucket, product
}

/// A field of a billing rule an update can change.
public enum BillingRuleField: String, PropertyEnumeration {
    case ruleType = "rule_type"
    case rate, service, frequency
    case startDate = "start_date"
    case endDate = "end_date"
}
