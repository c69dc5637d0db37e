/// `billing_rule_updated`: a billing rule's update committed.
public struct BillingRuleUpdated: AnalyticsEvent {
    public var ruleType: BillingRuleType
    /// The fields whose stored value changed, in a stable order.
    public var updatedFields: [BillingRuleField]

    public init(ruleType: BillingRuleType, updatedFields: [BillingRuleField]) {
        self.ruleType = ruleType
        self.updatedFields = BillingRuleField.allCases.filter(updatedFields.contains)
    }

    public static let definition = EventDefinition(
        name: "billing_rule_updated", category: .billing,
        trigger: "After a billing rule's update commits.",
        properties: [
            .enumeration("rule_type", \Self.ruleType, "The rule's pricing model after the update."),
            .enumerationList("updated_fields", \Self.updatedFields, "The fields whose value changed."),
        ])
}
