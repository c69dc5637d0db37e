/// `billing_rule_created`: a billing rule was created.
public struct BillingRuleCreated: AnalyticsEvent {
    public var ruleType: BillingRuleType

    public init(ruleType: BillingRuleType) {
        self.ruleType = ruleType
    }

    public static let definition = EventDefinition(
        name: "billing_rule_created", category: .billing,
        trigger: "After a billing rule's insert commits.",
        properties: [
            .enumeration("rule_type", \Self.ruleType, "The rule's pricing model.")
        ])
}
