import Foundation
import Testing
import UsageAnalytics

@testable import UsageCollector

/// The words the flag pages use for conditions, the form's value text both ways, and the history's changes.
private typealias FlagFilter = UsageAnalytics.PropertyFilter

@Suite("Flag wording")
struct FlagWordingTests {
    @Test(
        "a condition reads as a sentence",
        arguments: [
            (
                FlagCondition(properties: [FlagFilter(key: "plan", value: ["pro"])], rolloutPercentage: 50),
                "plan equals pro, 50 % of matching users"
            ),
            (
                FlagCondition(
                    properties: [
                        FlagFilter(key: "plan", operator: .isNot, value: ["free", "trial"]),
                        FlagFilter(key: "email", operator: .icontains, value: "@acme"),
                    ]),
                "plan is none of free, trial and email contains @acme (ignoring case), all of matching users"
            ),
            (FlagCondition(rolloutPercentage: 12.5), "12.5 % of everyone"),
            (FlagCondition(), "Everyone"),
            (
                FlagCondition(
                    properties: [FlagFilter(key: "seats", operator: .greaterThanOrEqual, value: 10)],
                    rolloutPercentage: 0, variant: "test"),
                "seats is at least 10, none of matching users, who all get test"
            ),
            (
                FlagCondition(properties: [FlagFilter(key: "email", operator: .isNotSet, value: "is_not_set")]),
                "email is not set, all of matching users"
            ),
        ])
    func condition(_ condition: FlagCondition, words: String) {
        #expect(FlagWording.condition(condition) == words)
    }

    @Test("every PostHog operator has its own words in the form's list")
    func operators() {
        let labels = FlagWording.operators.map(\.label)
        #expect(labels.count == FlagFilter.Operator.allCases.count)
        #expect(Set(labels).count == labels.count)
        #expect(labels.first == "equals" && labels.contains("contains (ignoring case)"))
    }

    @Test(
        "a filter value survives the form: text and back gives the same JSON",
        arguments: [
            (PropertyValue.array(["pro", "team"]), "exact", "pro, team"),
            (.array(["a,b", "c"]), "exact", #"["a,b","c"]"#),
            (.array([1, "x"]), "is_not", #"[1,"x"]"#),
            (.array(["[x]"]), "exact", #"["[x]"]"#),
            (.int(10), "gte", "10"),
            (.double(2.5), "lt", "2.5"),
            (.string("^a.*"), "regex", "^a.*"),
            (.string("is_set"), "is_set", "is_set"),
        ])
    func valueRoundTrip(_ value: PropertyValue, operator name: String, text: String) {
        #expect(FilterValueText.text(value) == text)
        #expect(FilterValueText.value(text, operator: name) == value)
    }

    @Test("percentages typed as 50, 50 % or 33.5 become numbers; other text is left for validation to refuse")
    func percentages() {
        #expect(FlagFormNumber.percentage("50") == .int(50))
        #expect(FlagFormNumber.percentage("50 %") == .int(50))
        #expect(FlagFormNumber.percentage("33.5") == .double(33.5))
        #expect(FlagFormNumber.percentage("") == .null)
        #expect(FlagFormNumber.percentage("nan") == .string("nan"))
        #expect(FlagFormNumber.percentage("half") == .string("half"))
    }

    @Test("the history lists what each version changed, newest first")
    func timeline() {
        let first = FeatureFlag(
            id: 1, key: "ordering", name: "Order",
            conditions: [FlagCondition(properties: [FlagFilter(key: "plan", value: ["pro"])])],
            variants: [FlagVariant(key: "a", rolloutPercentage: 50), FlagVariant(key: "b", rolloutPercentage: 50)])
        var second = first
        second.version = 2
        second.name = "Ticket order"
        second.active = false
        second.conditions.append(FlagCondition(rolloutPercentage: 10))
        second.payloads = ["b": "{}"]
        let start = Date(timeIntervalSince1970: 1_794_679_200)
        let timeline = FlagTimeline([
            FlagRevision(version: 2, action: .edited, flag: second, changedAt: start.addingTimeInterval(65)),
            FlagRevision(version: 1, action: .created, flag: first, changedAt: start),
        ])
        #expect(timeline.entries.map(\.version) == [2, 1])
        #expect(timeline.entries[0].time == "2026-11-14 18:01:05 UTC")
        #expect(
            timeline.entries[0].changes == [
                "Name: “Order” → “Ticket order”", "Turned off", "Condition 2 added: 10 % of everyone",
                "Payload of b added",
            ])
        #expect(
            timeline.entries[1].changes == [
                "Created as a multivariate (a 50 %, b 50 %) flag, on",
                "Condition 1: plan equals pro, all of matching users",
            ])
    }
}
