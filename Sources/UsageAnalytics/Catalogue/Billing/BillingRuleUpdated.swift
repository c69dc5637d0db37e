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
            .enumeration("rule_type", BillingRuleType.self, "The rule's pricing model after the update."),
            .enumerationList("updated_fields", BillingRuleField.self, "The fields whose value changed."),
        ])

    public func write(to properties: inout EventProperties) {
        properties.add("rule_type", ruleType)
        properties.add("updated_fields", updatedFields)
    }
}
