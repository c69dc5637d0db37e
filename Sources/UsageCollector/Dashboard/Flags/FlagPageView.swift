import Foundation
import UsageAnalytics

/// One flag's page: its definition in words, its variants and payloads, the actions, and the history timeline.
struct FlagPageView {
    struct Variant {
        let swatch: String
        let key: String
        let name: String
        let percent: String
        let payload: String?
    }

    struct Condition {
        let number: Int
        let text: String
    }

    let list: String
    let edit: String
    let actions: String
    let csrf: String
    let message: String?
    let key: String
    let name: String?
    let state: String
    let isOn: Bool
    let archived: Bool
    let version: Int
    let type: String
    let split: String?
    let variants: [Variant]
    let booleanPayload: String?
    let conditions: [Condition]
    let timeline: [FlagTimeline.Entry]

    init(scope: FlagScope, stored: StoredFlag, timeline: FlagTimeline, message: String?) {
        let flag = stored.flag
        self.list = scope.path
        self.edit = scope.path(of: flag.id) + "/edit"
        self.actions = scope.path(of: flag.id)
        self.csrf = scope.session.csrfToken
        self.message = message
        self.key = flag.key
        self.name = flag.name.isEmpty ? nil : flag.name
        self.state = stored.archived ? "archived" : flag.active ? "on" : "off"
        self.isOn = flag.active
        self.archived = stored.archived
        self.version = flag.version
        self.type = flag.isMultivariate ? "Multivariate" : "Boolean"
        self.split = flag.isMultivariate ? FlagSplitBar.svg(flag.variants) : nil
        self.variants = flag.variants.enumerated().map { index, variant in
            Variant(
                swatch: FlagSplitBar.swatch(index: index), key: variant.key, name: variant.name,
                percent: FlagWording.percent(variant.rolloutPercentage),
                payload: flag.payloads[variant.key].map(FlagForm.payloadText))
        }
        self.booleanPayload = flag.isMultivariate ? nil : flag.payloads["true"].map(FlagForm.payloadText)
        self.conditions = flag.conditions.enumerated().map {
            Condition(number: $0.offset + 1, text: FlagWording.condition($0.element))
        }
        self.timeline = timeline.entries
    }
}
